package io.transcoder.messages;

import io.transcoder.jobs.Owners;
import java.util.List;
import java.util.Objects;

/**
 * What every stage needs to know about a job, carried in every message so that no stage has to look the job up.
 *
 * @param jobId the job's id, also the key of its state in Redis and its folder in storage and the work volume
 * @param owner who submitted the job (the owner of the API key it came with); only they may see it
 * @param email where the notifier sends the result
 * @param formats the format ids this attempt makes, in the order the user gave them: all the job's formats on the
 *     first attempt, only the failed or missing ones on a retry
 * @param sourceName the file name the user uploaded, for display; paths and keys take only its harmless letters
 *     ({@link io.transcoder.storage.StorageKeys#safeName})
 * @param attempt 1 for the submission, one more for each retry: a message of an earlier attempt finds the job moved
 *     on and is dropped
 */
public record JobTicket(String jobId, String owner, String email, List<String> formats, String sourceName,
        int attempt) {

    public JobTicket {
        Objects.requireNonNull(jobId, "jobId");
        Owners.requireValid(owner);
        Objects.requireNonNull(email, "email");
        formats = List.copyOf(formats);
        Objects.requireNonNull(sourceName, "sourceName");
        if (attempt < 1) {
            throw new IllegalArgumentException("A job's attempts count from 1, not " + attempt);
        }
    }

    /** The ticket of a job's first attempt. */
    public JobTicket(String jobId, String owner, String email, List<String> formats, String sourceName) {
        this(jobId, owner, email, formats, sourceName, 1);
    }
}
