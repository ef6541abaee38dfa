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
 * @param formats the requested format ids, in the order the user gave them
 * @param sourceName the file name the user uploaded, for display; paths and keys take only its harmless letters
 *     ({@link io.transcoder.storage.StorageKeys#safeName})
 */
public record JobTicket(String jobId, String owner, String email, List<String> formats, String sourceName) {

    public JobTicket {
        Objects.requireNonNull(jobId, "jobId");
        Owners.requireValid(owner);
        Objects.requireNonNull(email, "email");
        formats = List.copyOf(formats);
        Objects.requireNonNull(sourceName, "sourceName");
    }
}
