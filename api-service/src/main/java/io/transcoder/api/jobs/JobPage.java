package io.transcoder.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the owner's jobs, newest first.
 *
 * @param next the {@code cursor} of the next page, or null when there is none; a page may hold fewer jobs than
 *     asked for (even none) and still have a next one, when a state filter matched few of the jobs it read
 */
public record JobPage(List<JobSummary> jobs, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {}
