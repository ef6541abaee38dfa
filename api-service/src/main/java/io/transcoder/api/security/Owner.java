package io.transcoder.api.security;

import io.transcoder.jobs.Owners;

/** The owner a request acts for: the principal of every authenticated request. */
public record Owner(String id) {

    public Owner {
        Owners.requireValid(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
