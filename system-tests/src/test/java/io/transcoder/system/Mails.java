package io.transcoder.system;

import io.transcoder.local.EmbeddedMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/** Reading what the notifier sent. */
final class Mails {

    private Mails() {}

    static Optional<MimeMessage> to(EmbeddedMail mail, String recipient) {
        return Arrays.stream(mail.greenMail().getReceivedMessages())
                .filter(message -> addressedTo(message, recipient))
                .findFirst();
    }

    static String plainText(Part part) throws MessagingException, IOException {
        return find(part, "text/plain").orElseThrow(() -> new AssertionError("no text/plain part"));
    }

    static String html(Part part) throws MessagingException, IOException {
        return find(part, "text/html").orElseThrow(() -> new AssertionError("no text/html part"));
    }

    private static Optional<String> find(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return Optional.of((String) part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> found = find(child, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean addressedTo(MimeMessage message, String recipient) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(address -> address.toString().contains(recipient));
        } catch (MessagingException e) {
            return false;
        }
    }
}
