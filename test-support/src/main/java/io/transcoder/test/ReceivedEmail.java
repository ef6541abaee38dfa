package io.transcoder.test;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What a test reads of an email GreenMail received. */
public record ReceivedEmail(List<String> to, String from, String subject, String text, String html) {

    /** The first email GreenMail received for the recipient, if any. */
    public static Optional<ReceivedEmail> to(GreenMail greenMail, String recipient) throws MessagingException, IOException {
        return all(greenMail, recipient).stream().findFirst();
    }

    /** Every email GreenMail received for the recipient. */
    public static List<ReceivedEmail> all(GreenMail greenMail, String recipient) throws MessagingException, IOException {
        List<ReceivedEmail> emails = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            ReceivedEmail email = of(message);
            if (email.to().contains(recipient)) {
                emails.add(email);
            }
        }
        return emails;
    }

    public static ReceivedEmail of(MimeMessage message) throws MessagingException, IOException {
        return new ReceivedEmail(
                Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .map(address -> ((InternetAddress) address).getAddress())
                        .toList(),
                ((InternetAddress) message.getFrom()[0]).getAddress(),
                message.getSubject(),
                content(message, "text/plain"),
                content(message, "text/html"));
    }

    private static String content(Part part, String type) throws MessagingException, IOException {
        String found = find(part, type);
        if (found == null) {
            throw new AssertionError("The email has no " + type + " part");
        }
        return found;
    }

    private static @Nullable String find(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
