package io.transcoder.api.upload;

import io.transcoder.api.problems.ApiException;
import io.transcoder.api.security.Owner;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Submissions with an {@code Idempotency-Key}: the first request with a key submits the job; a repeat of it (same
 * key, same fingerprint) within {@link IdempotencyKeys#KEPT} answers that job again, having read its upload without
 * keeping any of it; another request under the key is refused (422), as is one while the first still runs (409).
 */
@Service
class IdempotentSubmissions {

    private static final Logger log = LoggerFactory.getLogger(IdempotentSubmissions.class);

    private final IdempotencyKeys keys;
    private final JobSubmissions submissions;

    IdempotentSubmissions(IdempotencyKeys keys, JobSubmissions submissions) {
        this.keys = keys;
        this.submissions = submissions;
    }

    /** @param replayed whether the job is that of an earlier request with the key */
    record Submitted(String jobId, boolean replayed) {}

    Submitted submit(HttpServletRequest request, Owner owner, String key) {
        IdempotencyKeys.Claim claim = keys.claim(owner, key);
        if (claim instanceof IdempotencyKeys.Claimed claimed) {
            return first(request, owner, claimed);
        }
        if (claim instanceof IdempotencyKeys.Used used) {
            if (!submissions.fingerprint(request).equals(used.fingerprint())) {
                throw ApiException.idempotencyKeyReused(used.jobId());
            }
            log.info("Answered a repeat of the submission of job {} of {}", used.jobId(), owner);
            return new Submitted(used.jobId(), true);
        }
        throw ApiException.idempotencyKeyInUse();
    }

    private Submitted first(HttpServletRequest request, Owner owner, IdempotencyKeys.Claimed claim) {
        JobSubmissions.Accepted accepted;
        try {
            accepted = submissions.submit(request, owner, true);
        } catch (RuntimeException e) {
            keys.release(claim);
            throw e;
        }
        try {
            keys.record(claim, accepted.jobId(), Objects.requireNonNull(accepted.fingerprint()));
        } catch (DataAccessException e) {
            // the job is queued, and this answer tells the client so; a repeat finds the key claimed (409) until the
            // claim lapses, and only then could it submit the video again
            log.error("Queued job {}, but could not record its Idempotency-Key", accepted.jobId(), e);
        }
        return new Submitted(accepted.jobId(), false);
    }
}
