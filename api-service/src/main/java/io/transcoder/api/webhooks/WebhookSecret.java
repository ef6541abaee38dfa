package io.transcoder.api.webhooks;

/** The caller's webhook signing secret, {@code whsec_} and 64 hex digits. */
record WebhookSecret(String secret) {}
