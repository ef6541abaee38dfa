package io.transcoder.api.jobs;

import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The owner's jobs, a page at a time, from the list Redis keeps per owner; the request's parameters checked here. */
@Component
class JobListing {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final JobStore jobs;

    JobListing(JobStore jobs) {
        this.jobs = jobs;
    }

    /**
     * @param states state names, each possibly a comma-separated list; none for every state
     * @param limit the page size as sent, or null for the default
     * @param cursor the previous page's {@code next}, or null for the first page
     */
    JobPage list(Owner owner, @Nullable List<String> states, @Nullable String limit, @Nullable String cursor) {
        Set<JobState> wanted = states(states == null ? List.of() : states);
        int size = limit(limit);
        JobStore.ListPosition after = cursor == null ? null : JobCursor.parse(cursor);
        JobStore.JobList page = jobs.list(owner.id(), wanted, after, size);
        return new JobPage(page.jobs().stream().map(JobSummary::of).toList(),
                page.next() == null ? null : JobCursor.of(page.next()));
    }

    private static Set<JobState> states(List<String> values) {
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        List<String> unknown = new ArrayList<>();
        values.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .forEach(name -> {
                    try {
                        states.add(JobState.valueOf(name.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException notAState) {
                        unknown.add(name);
                    }
                });
        if (!unknown.isEmpty()) {
            throw ApiException.invalidStates(unknown, Arrays.stream(JobState.values()).map(Enum::name).toList());
        }
        return states;
    }

    private static int limit(@Nullable String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        String digits = limit.strip();
        if (!digits.matches("[0-9]{1,3}")) {
            throw ApiException.invalidLimit(1, MAX_LIMIT);
        }
        int size = Integer.parseInt(digits);
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.invalidLimit(1, MAX_LIMIT);
        }
        return size;
    }
}
