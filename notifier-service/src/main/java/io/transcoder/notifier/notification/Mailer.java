package io.transcoder.notifier.notification;

import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends an {@link Email} over SMTP: a multipart/mixed message whose multipart/alternative body holds the plain text
 * first and the HTML second, so every mail client shows the best part it can.
 */
class Mailer {

    private final JavaMailSender sender;
    private final String from;

    Mailer(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    /** Returns once the SMTP server accepted the email; throws a {@link MailException} if it did not. */
    void send(Email email) {
        sender.send(message -> {
            MimeMessageHelper helper =
                    new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(email.to());
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
        });
    }
}
