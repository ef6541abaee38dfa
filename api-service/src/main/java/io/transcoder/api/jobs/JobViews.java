package io.transcoder.api.jobs;

import io.transcoder.api.ApiProperties;
import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import io.transcoder.jobs.JobIds;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.storage.DownloadLinks;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Reads an owner's jobs from Redis and shows them with fresh download links. */
@Component
public class JobViews {

    private final JobStore jobs;
    private final DownloadLinks links;
    private final ApiProperties api;
    private final Clock clock = Clock.systemUTC();

    JobViews(JobStore jobs, DownloadLinks links, ApiProperties api) {
        this.jobs = jobs;
        this.links = links;
        this.api = api;
    }

    /** The owner's job; another owner's job is as unknown as one that never existed. */
    public JobView view(String jobId, Owner owner) {
        return view(owned(jobId, owner));
    }

    /** The owner's job as Redis holds it; another owner's job is as unknown as one that never existed. */
    public JobRecord owned(String jobId, Owner owner) {
        if (!JobIds.isJobId(jobId)) {
            throw ApiException.jobNotFound();
        }
        return jobs.find(jobId)
                .filter(job -> job.owner().equals(owner.id()))
                .orElseThrow(ApiException::jobNotFound);
    }

    public JobView view(JobRecord job) {
        Instant expiresAt = clock.instant().plus(api.downloadLinkTtl());
        List<JobView.Output> outputs = job.state() == JobState.COMPLETED
                ? job.outputs().stream().map(output -> toOutput(job.id(), output, expiresAt)).toList()
                : List.of();
        JobView.Error error = job.error() == null ? null
                : new JobView.Error(job.error().code(), job.error().message(), job.failedIn());
        return new JobView(job.id(), job.state(), job.phase(), job.progress(), job.formatProgress(), job.sourceName(),
                outputs, failures(job), job.attempt(), error, job.notification(), job.waiting(), job.estimatedEnd(), job.createdAt(), job.updatedAt(),
                job.callbackUrl());
    }

    private static List<JobView.Failure> failures(JobRecord job) {
        return job.failures().stream()
                .map(failure -> new JobView.Failure(failure.format(), failure.code(), failure.reason()))
                .toList();
    }

    private JobView.Output toOutput(String jobId, StoredRendition output, Instant expiresAt) {
        RenditionFile entry = output.entryFile();
        @Nullable List<JobView.File> files = output.kind() != RenditionKind.IMAGE ? null : output.files().stream()
                .map(file -> new JobView.File(file.path(), file.size(), file.mediaType(),
                        links.download(jobId, output, file, api.downloadLinkTtl())))
                .toList();
        return new JobView.Output(output.format(), output.kind(), entry.name(), entry.mediaType(), output.size(),
                links.download(jobId, output, api.downloadLinkTtl()), expiresAt, files);
    }
}
