package io.transcoder.notifier.notification;

import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobStore;
import io.transcoder.jobs.NotificationClaim;
import io.transcoder.jobs.RateLimiter;
import io.transcoder.messages.JobEvent;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.UnavailableException;
import io.transcoder.storage.DownloadLinks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;

/**
 * Sends each job's owner one email: a redelivered message finds the notification recorded and sends nothing, and a
 * notifier claims the sending in Redis before it sends, so that two replicas handed the job's messages at once never
 * both send (one that finds another's claim puts its message back for when that claim could have lapsed). A mail
 * server that cannot be reached or refuses the email is an outage ({@link UnavailableException}): the message waits in
 * the retry queues, up to the notifier's budget, and the job says so. An owner who has had their hour's worth of
 * emails ({@link EmailQuota}) gets none for this job: the job records {@code SUPPRESSED} and the message is done with,
 * neither retried nor parked.
 */
class Notifier {

    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    static final String SUPPRESSED = "SUPPRESSED";
    // outcomes after which the job gets no email, whatever arrives for it later
    private static final Set<String> SETTLED = Set.of(SENT, SUPPRESSED);

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final JobStore jobs;
    private final DownloadLinks downloadLinks;
    private final Duration linkTtl;
    private final Emails emails;
    private final Mailer mailer;
    private final EmailQuota quota;
    private final EventPublisher publisher;
    private final Duration claimHold;
    private final Clock clock;

    Notifier(JobStore jobs, DownloadLinks downloadLinks, Duration linkTtl, Emails emails, Mailer mailer, EmailQuota quota,
            EventPublisher publisher, Duration claimHold, Clock clock) {
        this.jobs = jobs;
        this.downloadLinks = downloadLinks;
        this.linkTtl = linkTtl;
        this.emails = emails;
        this.mailer = mailer;
        this.quota = quota;
        this.publisher = publisher;
        this.claimHold = claimHold;
        this.clock = clock;
    }

    void uploadCompleted(UploadCompleted event) {
        notifyOnce(event, Subscription.NOTIFIER_UPLOAD_COMPLETED,
                () -> emails.completed(event.job(), links(event), event.failures()));
    }

    void jobFailed(JobFailed event) {
        notifyOnce(event, Subscription.NOTIFIER_JOB_FAILED, () -> emails.failed(event));
    }

    private List<RenditionLinks> links(UploadCompleted event) {
        // taken before signing, so the email never promises more time than the signatures give
        Instant expiresAt = clock.instant().plus(linkTtl);
        return event.renditions().stream()
                .map(rendition -> new RenditionLinks(rendition, downloadLinks.download(event.jobId(), rendition, linkTtl),
                        fileLinks(event.jobId(), rendition), expiresAt))
                .toList();
    }

    /**
     * Every picture of an image rendition besides its entry (a storyboard's sprite sheet) is worth a link of its own;
     * the files of a video or a stream are not: an HLS ladder's hundreds of segments are for the player that opens
     * its playlist.
     */
    private List<RenditionLinks.FileLink> fileLinks(String jobId, StoredRendition rendition) {
        if (rendition.kind() != RenditionKind.IMAGE) {
            return List.of();
        }
        return rendition.files().stream()
                .filter(file -> !file.path().equals(rendition.entry()))
                .map(file -> new RenditionLinks.FileLink(file, downloadLinks.download(jobId, rendition, file, linkTtl)))
                .toList();
    }

    private void notifyOnce(JobEvent event, Subscription subscription, Supplier<Email> email) {
        JobTicket job = event.job();
        Optional<JobRecord> record = jobs.find(job.jobId());
        Optional<String> previous = record.map(JobRecord::notification);
        if (previous.filter(SETTLED::contains).isPresent()) {
            log.info("Job {} has been dealt with already ({}); not sending again", job.jobId(), previous.get());
            return;
        }
        // written before it is claimed or counted, so an error in writing it holds no claim and uses up no quota
        Email message = email.get();
        NotificationClaim claim = jobs.claimNotification(job.jobId(), claimHold);
        if (claim == NotificationClaim.SETTLED) {
            log.info("Job {} has just been dealt with by another notifier; not sending again", job.jobId());
            return;
        }
        if (claim == NotificationClaim.BUSY) {
            log.info("Another notifier is sending the email of job {}; looking again in {}", job.jobId(), claimHold);
            publisher.sendBackLater(event, subscription, claimHold);
            return;
        }
        boolean recorded = claim == NotificationClaim.CLAIMED;
        if (!recorded) {
            // the message carries all the email needs; recording would leave a hash without state or expiry behind
            log.warn("Job {} is unknown (expired?); notifying without recording it", job.jobId());
        }
        // a failed attempt counted this email already: retrying it is not another one
        if (previous.filter(FAILED::equals).isEmpty() && !withinQuota(job)) {
            if (recorded) {
                jobs.recordNotification(job.jobId(), SUPPRESSED);
            }
            return;
        }
        try {
            mailer.send(message);
        } catch (MailPreparationException | MailParseException e) {
            // our own email could not be written: no wait mends that
            recordFailure(job, recorded);
            throw e;
        } catch (MailException e) {
            recordFailure(job, recorded);
            throw new UnavailableException("The mail server", e);
        }
        if (recorded) {
            jobs.recordNotification(job.jobId(), SENT);
        }
        log.info("Job {} notified", job.jobId());
    }

    /** Shows the failure with the job, and ends the claim, so that the next attempt, wherever it runs, may send. */
    private void recordFailure(JobTicket job, boolean recorded) {
        if (recorded) {
            jobs.recordNotification(job.jobId(), FAILED);
        }
    }

    private boolean withinQuota(JobTicket job) {
        RateLimiter.Decision decision = quota.take(job.owner());
        if (!decision.allowed()) {
            log.warn("Job {} not notified: its owner {} has had the {} emails an hour they may be sent; "
                    + "the next may go in {} s",
                    job.jobId(), job.owner(), quota.perHour(), decision.retryAfter().toSeconds());
        }
        return decision.allowed();
    }
}
