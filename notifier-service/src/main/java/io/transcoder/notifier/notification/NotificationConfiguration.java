package io.transcoder.notifier.notification;

import io.transcoder.jobs.JobStore;
import io.transcoder.jobs.RateLimiter;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.notifier.NotifierProperties;
import io.transcoder.storage.DownloadLinks;
import io.transcoder.storage.LinkProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    Mailer mailer(JavaMailSender sender, NotifierProperties notifier) {
        return new Mailer(sender, notifier.from());
    }

    @Bean
    Notifier notifier(JobStore jobs, DownloadLinks downloadLinks, Mailer mailer, RateLimiter rateLimiter,
            EventPublisher publisher, NotifierProperties notifier, LinkProperties links) {
        return new Notifier(jobs, downloadLinks, notifier.linkTtl(), new Emails(links.publicUrl()), mailer,
                new EmailQuota(rateLimiter, notifier.maxEmailsPerHour()), publisher, notifier.claimHold(),
                Clock.systemUTC());
    }
}
