package io.transcoder.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.StoredOutput;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EmailsTests {

    private static final Instant EXPIRES = Instant.parse("2026-12-05T22:38:00Z");
    private static final String MP4_URL = "https://s3.example/bucket/outputs/j1/mp4/clip.mp4?X-Amz-Expires=604800&X-Amz-Signature=abc";
    private static final String WEBM_URL = "https://s3.example/bucket/outputs/j1/webm/clip.webm?X-Amz-Signature=def";

    private final Emails emails = new Emails();

    @Test
    void completedEmailHasAFixedSubjectNamesTheSourceInItsBodyAndGoesToTheOwner() {
        Email email = emails.completed(ticket("holiday.mov"), links());

        assertThat(email.to()).isEqualTo("owner@example.com");
        assertThat(email.subject()).isEqualTo("Your video is ready");
        assertThat(email.text()).contains("holiday.mov");
    }

    @Test
    void completedTextListsEachOutputWithItsSizeAndABareLinkOnItsOwnLine() {
        Email email = emails.completed(ticket("holiday.mov"), links());

        assertThat(email.text().lines())
                .containsSubsequence("mp4 (12.3 MB, clip.mp4)", MP4_URL, "", "webm (1.5 kB, clip.webm)", WEBM_URL)
                .contains("The links work until 5 December 2026, 22:38 UTC.");
        assertThat(firstUrl(email.text())).isEqualTo(MP4_URL);
    }

    @Test
    void completedTextKeepsTheFirstOutputsLinkFirstEvenWhenTheSourceNameLooksLikeALink() {
        Email email = emails.completed(ticket("https://evil.example/phish.mp4"), links());

        assertThat(firstUrl(email.text())).isEqualTo(MP4_URL);
    }

    @Test
    void completedHtmlLinksEachOutputAndEscapesWhatTheUserChose() {
        Email email = emails.completed(ticket("<script>alert('x')</script> & more.mp4"), links());

        assertThat(email.html())
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more.mp4")
                .doesNotContain("<script>")
                .contains("<td>mp4</td><td>12.3 MB</td>")
                .contains("<a href=\"https://s3.example/bucket/outputs/j1/mp4/clip.mp4?X-Amz-Expires=604800&amp;X-Amz-Signature=abc\">clip.mp4</a>")
                .contains("The links work until 5 December 2026, 22:38 UTC.");
    }

    @Test
    void keepsTheSourceNameOnOneLine() {
        Email email = emails.completed(ticket("clip\r\nBcc: victim@example.com.mp4"), links());

        assertThat(email.text().lines()).contains("Uploaded file: clip Bcc: victim@example.com.mp4");
    }

    @Test
    void failedEmailGivesTheReasonItsCodeAndTheStage() {
        JobFailed failed = new JobFailed(ticket("holiday.mov"), "ENCODING", "INPUT_NOT_VIDEO", "The file is not a video.");

        Email email = emails.failed(failed);

        assertThat(email.to()).isEqualTo("owner@example.com");
        assertThat(email.subject()).isEqualTo("Your video could not be transcoded");
        assertThat(email.text()).contains("holiday.mov");
        assertThat(email.text().lines()).contains("Reason: The file is not a video. (INPUT_NOT_VIDEO)", "Stage: encoding");
        assertThat(email.html()).contains("The file is not a video.", "<code>INPUT_NOT_VIDEO</code>", "Stage: encoding");
    }

    @Test
    void failedHtmlEscapesTheSourceNameAndTheReason() {
        JobFailed failed = new JobFailed(ticket("<b>x</b>.mp4"), "DOWNLOADING", "STAGE_ERROR", "IOException: <eof>");

        Email email = emails.failed(failed);

        assertThat(email.html()).contains("&lt;b&gt;x&lt;/b&gt;.mp4", "IOException: &lt;eof&gt;").doesNotContain("<b>x", "<eof>");
    }

    @Test
    void writesSizesInDecimalUnitsWithOneDecimal() {
        assertThat(Emails.humanSize(0)).isEqualTo("0 bytes");
        assertThat(Emails.humanSize(1)).isEqualTo("1 byte");
        assertThat(Emails.humanSize(999)).isEqualTo("999 bytes");
        assertThat(Emails.humanSize(1_000)).isEqualTo("1.0 kB");
        assertThat(Emails.humanSize(1_536)).isEqualTo("1.5 kB");
        assertThat(Emails.humanSize(999_949)).isEqualTo("999.9 kB");
        assertThat(Emails.humanSize(999_950)).isEqualTo("1.0 MB");
        assertThat(Emails.humanSize(12_345_678)).isEqualTo("12.3 MB");
        assertThat(Emails.humanSize(4_700_000_000L)).isEqualTo("4.7 GB");
        assertThat(Emails.humanSize(Long.MAX_VALUE)).isEqualTo("9.2 EB");
    }

    private static List<DownloadLink> links() {
        return List.of(
                new DownloadLink(new StoredOutput("mp4", "outputs/j1/mp4/clip.mp4", "clip.mp4", 12_345_678), URI.create(MP4_URL), EXPIRES),
                new DownloadLink(new StoredOutput("webm", "outputs/j1/webm/clip.webm", "clip.webm", 1_536), URI.create(WEBM_URL), EXPIRES));
    }

    private static JobTicket ticket(String sourceName) {
        return new JobTicket("j1", "owner-a", "owner@example.com", List.of("mp4", "webm"), sourceName);
    }

    private static String firstUrl(String text) {
        Matcher matcher = Pattern.compile("https?://\\S+").matcher(text);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }
}
