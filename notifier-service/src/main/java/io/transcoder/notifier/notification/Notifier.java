package io.transcoder.notifier.notification;

import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.UploadCompleted;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;

/**
 * Sends each job's owner one email: a redelivered message finds the notification recorded and sends nothing. A mail
 * server's failure propagates, so the message is retried and finally parked.
 */
class Notifier {

    static final String SENT = "SENT";
    static final String FAILED = "FAILED";

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final JobStore jobs;
    private final DownloadLinks links;
    private final Emails emails;
    private final Mailer mailer;

    Notifier(JobStore jobs, DownloadLinks links, Emails emails, Mailer mailer) {
        this.jobs = jobs;
        this.links = links;
        this.emails = emails;
        this.mailer = mailer;
    }

    void uploadCompleted(UploadCompleted event) {
        notifyOnce(event.job(), () -> emails.completed(event.job(), event.outputs().stream().map(links::linkTo).toList()));
    }

    void jobFailed(JobFailed event) {
        notifyOnce(event.job(), () -> emails.failed(event));
    }

    private void notifyOnce(JobTicket job, Supplier<Email> email) {
        Optional<JobRecord> record = jobs.find(job.jobId());
        if (record.map(JobRecord::notification).filter(SENT::equals).isPresent()) {
            log.info("Job {} has been notified already; not sending again", job.jobId());
            return;
        }
        if (record.isEmpty()) {
            // the message carries all the email needs; recording would leave a hash without state or expiry behind
            log.warn("Job {} is unknown (expired?); notifying without recording it", job.jobId());
        }
        try {
            mailer.send(email.get());
        } catch (MailException e) {
            record.ifPresent(found -> jobs.recordNotification(found.id(), FAILED));
            throw e;
        }
        record.ifPresent(found -> jobs.recordNotification(found.id(), SENT));
        log.info("Job {} notified at {}", job.jobId(), job.email());
    }
}
