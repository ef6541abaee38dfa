package io.transcoder.notifier.notification;

import io.transcoder.jobs.JobStore;
import io.transcoder.notifier.NotifierProperties;
import io.transcoder.storage.StorageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    DownloadLinks downloadLinks(S3Presigner presigner, StorageProperties storage, NotifierProperties notifier) {
        return new DownloadLinks(presigner, storage.bucket(), notifier.linkTtl());
    }

    @Bean
    Mailer mailer(JavaMailSender sender, NotifierProperties notifier) {
        return new Mailer(sender, notifier.from());
    }

    @Bean
    Notifier notifier(JobStore jobs, DownloadLinks links, Mailer mailer) {
        return new Notifier(jobs, links, new Emails(), mailer);
    }
}
