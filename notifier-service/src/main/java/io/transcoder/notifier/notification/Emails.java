package io.transcoder.notifier.notification;

import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the emails, each in plain text and HTML. Knows nothing about how they are sent.
 *
 * <p>Anyone with an API key chooses the file name, so it never becomes part of our sentences: it appears once, last,
 * on a line of its own labelled "Uploaded file:" and quoted in guillemets, with nothing invisible or line-breaking
 * left in it. Everything else in an email is ours (reasons and codes come from our own code).
 */
class Emails {

    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB", "EB"};
    private static final int MAX_NAME_LENGTH = 120;
    // format characters (Cf) include every bidi embedding, override, isolate and mark, zero-width characters and the
    // BOM: invisible, and able to reorder what a reader sees; a lone surrogate (Cs) cannot even be encoded
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cs}]+");
    // control characters and every separator, line and paragraph separators included: the name stays on one line
    private static final Pattern BREAKS = Pattern.compile("[\\p{Cc}\\p{Z}]+");
    private static final String LABEL = "Uploaded file: ";
    // Subjects are fixed: anyone may upload, so a file name in the subject would let strangers write the first line
    // that a recipient of our mail reads.
    static final String READY = "Your video is ready";
    static final String PARTLY_READY = "Your video is ready in some formats";
    static final String FAILED = "Your video could not be transcoded";
    private static final String FOR_A_PLAYER = "for a video player: open the link in one, or watch it on the page";

    private final URI pageUrl;

    /** @param publicUrl the api-service as users reach it, whose page shows each job */
    Emails(URI publicUrl) {
        this.pageUrl = URI.create(publicUrl.toString().replaceAll("/+$", "") + "/");
    }

    /**
     * The poster when there is one (as a remote picture: a mail client shows or blocks it, but never has to open an
     * attachment), then each rendition once: its format, its total size and a link to its entry file (an HLS
     * ladder's master playlist, said to be for a player), then, for pictures, each further file with its size and
     * link; then a link to the job's page (to watch it); then each format that could not be made, with its reason
     * and code, and how to try those again. The plain text's first link is the first rendition's, so a reader (or a
     * script) following it gets the video itself.
     */
    Email completed(JobTicket job, List<RenditionLinks> links, List<FormatFailure> failures) {
        String opening = failures.isEmpty() ? "Your video has been transcoded."
                : "Your video has been transcoded into some of the formats you asked for.";
        URI page = jobPage(job);
        StringBuilder text = new StringBuilder("Hello,\n\n").append(Character.toLowerCase(opening.charAt(0)))
                .append(opening.substring(1)).append(" Download each format from its link:\n\n");
        StringBuilder rows = new StringBuilder();
        for (RenditionLinks link : links) {
            StoredRendition rendition = link.rendition();
            String format = rendition.format();
            String size = humanSize(rendition.size());
            String entry = rendition.entryFile().name();
            String use = rendition.kind() == RenditionKind.STREAM ? ", " + FOR_A_PLAYER : "";
            // each bare URL on a line of its own, so that no mail client wraps or mangles it
            text.append(format).append(" (").append(size).append(", ").append(entry).append(use).append(")\n")
                    .append(link.entry()).append("\n");
            rows.append("<tr><td>").append(escape(format)).append("</td><td>").append(size)
                    .append("</td><td>").append(anchor(link.entry(), entry));
            if (!use.isEmpty()) {
                rows.append(" (").append(FOR_A_PLAYER).append(")");
            }
            for (RenditionLinks.FileLink file : link.files()) {
                String fileSize = humanSize(file.file().size());
                text.append(file.file().name()).append(" (").append(fileSize).append(")\n")
                        .append(file.url()).append("\n");
                rows.append("<br>").append(anchor(file.url(), file.file().name())).append(" (").append(fileSize)
                        .append(")");
            }
            text.append("\n");
            rows.append("</td></tr>\n");
        }
        String expiry = links.stream()
                .map(RenditionLinks::expiresAt)
                .min(Comparator.naturalOrder())
                .map(expiresAt -> "The links work until " + EXPIRY.format(expiresAt) + ".")
                .orElse("");
        text.append(expiry).append("\n\n").append("Watch it, and manage the job, on its page:\n").append(page)
                .append("\n\n");
        StringBuilder failed = new StringBuilder();
        if (!failures.isEmpty()) {
            text.append("These formats could not be made:\n\n");
            failed.append("<p>These formats could not be made:</p>\n<ul>\n");
            for (FormatFailure failure : failures) {
                text.append(failure.format()).append(": ").append(failure.reason()).append(" (")
                        .append(failure.code().name()).append(")\n");
                failed.append("<li>").append(escape(failure.format())).append(": ").append(escape(failure.reason()))
                        .append(" (<code>").append(failure.code().name()).append("</code>)</li>\n");
            }
            String retry = retryText(job, "them");
            text.append("\n").append(retry).append("\n\n");
            failed.append("</ul>\n<p>").append(escape(retry)).append("</p>\n");
        }
        // the file name comes after the links: it may look like a link itself
        text.append(fileText(job)).append("\n");
        String html = page("""
                %s<p>%s <a href="%s">Watch it on its page</a>, or download each format from its link:</p>
                <table cellpadding="6" style="border-collapse: collapse">
                <tr><th align="left">Format</th><th align="left">Size</th><th align="left">Download</th></tr>
                %s</table>
                <p>%s</p>
                %s<p>%s</p>
                """.formatted(poster(links), opening, escape(page.toString()), rows, escape(expiry), failed,
                fileHtml(job)));
        return new Email(job.email(), failures.isEmpty() ? READY : PARTLY_READY, text.toString(), html);
    }

    /** The reason and its code, the stage, and what can be done: try again, unless the video itself is at fault. */
    Email failed(JobFailed event) {
        String stage = event.stage().name().toLowerCase(Locale.ROOT);
        String code = event.code().name();
        String advice = event.code().retryable() ? retryText(event.job(), "the job")
                : "If the file plays on your computer, you can upload it again.";
        URI page = jobPage(event.job());
        String text = """
                Hello,

                a video you uploaded could not be transcoded.

                %s
                Reason: %s (%s)
                Stage: %s

                %s

                The job's page: %s
                """.formatted(fileText(event.job()), event.reason(), code, stage, advice, page);
        String html = page("""
                <p>A video you uploaded could not be transcoded.</p>
                <p>%s<br>
                Reason: %s (<code>%s</code>)<br>
                Stage: %s</p>
                <p>%s</p>
                <p><a href="%s">The job's page</a></p>
                """.formatted(fileHtml(event.job()), escape(event.reason()), code, stage, escape(advice),
                escape(page.toString())));
        return new Email(event.job().email(), FAILED, text, html);
    }

    /** Where the page shows the job (once the reader gives it their API key). */
    URI jobPage(JobTicket job) {
        return pageUrl.resolve("?job=" + job.jobId());
    }

    // the first picture among the renditions, linked to itself; nothing when the job made none
    private static String poster(List<RenditionLinks> links) {
        return links.stream()
                .filter(link -> link.rendition().kind() == RenditionKind.IMAGE
                        && link.rendition().entryFile().mediaType().startsWith("image/"))
                .findFirst()
                .map(link -> "<p><a href=\"" + escape(link.entry().toString()) + "\"><img src=\""
                        + escape(link.entry().toString()) + "\" alt=\"A frame of your video\" width=\"320\" "
                        + "style=\"max-width: 100%; height: auto; border: 0\"></a></p>\n")
                .orElse("");
    }

    // the job id is ours (a UUID), never the uploader's words
    private static String retryText(JobTicket job, String what) {
        return "You can try " + what + " again from the job's page, or with POST /api/jobs/" + job.jobId()
                + "/retry and your API key.";
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

    /**
     * The user's file name as it may be shown: visible characters only, on one line, of a reasonable length, and
     * without guillemets of its own, so the pair we quote it in is the only one; empty if nothing visible is left.
     */
    static String displayName(String sourceName) {
        String visible = INVISIBLE.matcher(sourceName).replaceAll("");
        String name = BREAKS.matcher(visible).replaceAll(" ").strip().replace('«', '‹').replace('»', '›');
        if (name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH - 1)).strip() + "…";
    }

    private static String fileText(JobTicket job) {
        String name = displayName(job.sourceName());
        return LABEL + (name.isEmpty() ? "(no name)" : "«" + name + "»");
    }

    // <bdi> keeps right-to-left letters in the name from reordering the quotes around it
    private static String fileHtml(JobTicket job) {
        String name = displayName(job.sourceName());
        return LABEL + (name.isEmpty() ? "(no name)" : "«<bdi>" + escape(name) + "</bdi>»");
    }

    // the minimal set (& < > " '): the email is UTF-8, so every other character can stand as itself
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    private static String anchor(URI url, String name) {
        return "<a href=\"" + escape(url.toString()) + "\">" + escape(name) + "</a>";
    }

    private static String page(String body) {
        return "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n" + body + "</body></html>\n";
    }
}
