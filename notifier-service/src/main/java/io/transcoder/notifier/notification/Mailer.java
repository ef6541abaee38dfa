package io.transcoder.notifier.notification;

import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends an {@link Email} over SMTP as multipart/alternative, plain text first, so every mail client shows one. */
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
