package io.transcoder.notifier.notification;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Writes the emails, each in plain text and HTML. Knows nothing about how they are sent. */
class Emails {

    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB", "EB"};
    private static final int MAX_NAME_LENGTH = 120;
    // Subjects are fixed: anyone may upload, so a file name in the subject would let strangers write the first line
    // that a recipient of our mail reads.
    static final String READY = "Your video is ready";
    static final String FAILED = "Your video could not be transcoded";

    Email completed(JobTicket job, List<DownloadLink> links) {
        String name = displayName(job.sourceName());
        StringBuilder text = new StringBuilder("Hello,\n\nyour video has been transcoded. Download each format from its link:\n\n");
        StringBuilder rows = new StringBuilder();
        for (DownloadLink link : links) {
            String format = link.output().format();
            String size = humanSize(link.output().size());
            // the bare URL on a line of its own, so that no mail client wraps or mangles it
            text.append(format).append(" (").append(size).append(", ").append(link.output().fileName()).append(")\n")
                    .append(link.url()).append("\n\n");
            rows.append("<tr><td>").append(htmlEscape(format)).append("</td><td>").append(size)
                    .append("</td><td><a href=\"").append(htmlEscape(link.url().toString())).append("\">")
                    .append(htmlEscape(link.output().fileName())).append("</a></td></tr>\n");
        }
        String expiry = links.stream()
                .map(DownloadLink::expiresAt)
                .min(Comparator.naturalOrder())
                .map(expiresAt -> "The links work until " + EXPIRY.format(expiresAt) + ".")
                .orElse("");
        // the user's file name comes after the links: it is theirs to choose and may look like a link itself
        text.append(expiry).append("\n\nUploaded file: ").append(name).append("\n");
        String html = page("""
                <p>Your video <strong>%s</strong> has been transcoded. Download each format from its link:</p>
                <table cellpadding="6" style="border-collapse: collapse">
                <tr><th align="left">Format</th><th align="left">Size</th><th align="left">Download</th></tr>
                %s</table>
                <p>%s</p>
                """.formatted(htmlEscape(name), rows, htmlEscape(expiry)));
        return new Email(job.email(), READY, text.toString(), html);
    }

    Email failed(JobFailed event) {
        String name = displayName(event.job().sourceName());
        String stage = event.stage().toLowerCase(Locale.ROOT);
        String text = """
                Hello,

                your video "%s" could not be transcoded.

                Reason: %s (%s)
                Stage: %s

                If the file plays on your computer, you can upload it again.
                """.formatted(name, event.reason(), event.code(), stage);
        String html = page("""
                <p>Your video <strong>%s</strong> could not be transcoded.</p>
                <p>Reason: %s (<code>%s</code>)<br>
                Stage: %s</p>
                <p>If the file plays on your computer, you can upload it again.</p>
                """.formatted(htmlEscape(name), htmlEscape(event.reason()), htmlEscape(event.code()), htmlEscape(stage)));
        return new Email(event.job().email(), FAILED, text, html);
    }

    /** A size in decimal units with one decimal: {@code 999 bytes}, {@code 1.5 kB}, {@code 12.3 MB}. */
    static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double value = bytes;
        int unit = -1;
        // 999,950 bytes would print as "1000.0 kB": round first, then move up
        while (value >= 999.95 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** The user's file name on one line and of a reasonable length. */
    private static String displayName(String sourceName) {
        String name = sourceName.replaceAll("\\p{Cntrl}+", " ").strip();
        if (name.isEmpty()) {
            return "your upload";
        }
        return name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH - 1) + "…" : name;
    }

    private static String page(String body) {
        return "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n" + body + "</body></html>\n";
    }
}
