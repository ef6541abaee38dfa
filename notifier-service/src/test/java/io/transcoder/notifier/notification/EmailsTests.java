package io.transcoder.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobState;
import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
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
    private static final String HLS_URL = "https://api.example/api/jobs/j1/outputs/hls/master.m3u8?expires=1796510280&signature=h1";
    private static final String POSTER_URL = "https://s3.example/bucket/outputs/j1/thumbnail/poster.jpg?X-Amz-Signature=p1";
    private static final String CUES_URL = "https://api.example/api/jobs/j1/outputs/storyboard/storyboard.vtt?expires=1796510280&signature=c1";
    private static final String SPRITE_URL = "https://s3.example/bucket/outputs/j1/storyboard/sprite.jpg?X-Amz-Signature=s1";

    private static final String PAGE_URL = "https://transcoder.example/?job=j1";

    private final Emails emails = new Emails(URI.create("https://transcoder.example/"));

    @Test
    void completedEmailHasAFixedSubjectAndGoesToTheOwner() {
        Email email = emails.completed(ticket("holiday.mov"), links(), List.of());

        assertThat(email.to()).isEqualTo("owner@example.com");
        assertThat(email.subject()).isEqualTo("Your video is ready");
    }

    @Test
    void completedTextListsEachOutputWithItsSizeAndABareLinkAndQuotesTheFileNameLastUnderALabel() {
        Email email = emails.completed(ticket("holiday.mov"), links(), List.of());

        assertThat(email.text()).isEqualTo("""
                Hello,

                your video has been transcoded. Download each format from its link:

                mp4 (12.3 MB, clip.mp4)
                %s

                webm (1.5 kB, clip.webm)
                %s

                The links work until 5 December 2026, 22:38 UTC.

                Watch it, and manage the job, on its page:
                https://transcoder.example/?job=j1

                Uploaded file: «holiday.mov»
                """.formatted(MP4_URL, WEBM_URL));
    }

    @Test
    void completedHtmlLinksEachOutputAndShowsTheFileNameOnlyInItsLabelledLine() {
        Email email = emails.completed(ticket("holiday.mov"), links(), List.of());

        assertThat(email.html()).isEqualTo("""
                <!DOCTYPE html>
                <html><body style="font-family: sans-serif">
                <p>Your video has been transcoded. <a href="https://transcoder.example/?job=j1">Watch it on its page</a>, or download each format from its link:</p>
                <table cellpadding="6" style="border-collapse: collapse">
                <tr><th align="left">Format</th><th align="left">Size</th><th align="left">Download</th></tr>
                <tr><td>mp4</td><td>12.3 MB</td><td><a href="https://s3.example/bucket/outputs/j1/mp4/clip.mp4?X-Amz-Expires=604800&amp;X-Amz-Signature=abc">clip.mp4</a></td></tr>
                <tr><td>webm</td><td>1.5 kB</td><td><a href="https://s3.example/bucket/outputs/j1/webm/clip.webm?X-Amz-Signature=def">clip.webm</a></td></tr>
                </table>
                <p>The links work until 5 December 2026, 22:38 UTC.</p>
                <p>Uploaded file: «<bdi>holiday.mov</bdi>»</p>
                </body></html>
                """);
    }

    @Test
    void completedTextListsEachRenditionOnceWithItsTotalSizeAndEntryLinkAndEachFurtherPictureWithItsOwn() {
        Email email = emails.completed(ticket("holiday.mov"), everyKind(), List.of());

        assertThat(email.text()).isEqualTo("""
                Hello,

                your video has been transcoded. Download each format from its link:

                hls (3.0 MB, master.m3u8, for a video player: open the link in one, or watch it on the page)
                %s

                thumbnail (85.0 kB, poster.jpg)
                %s

                storyboard (25.1 kB, storyboard.vtt)
                %s
                sprite.jpg (24.0 kB)
                %s

                The links work until 5 December 2026, 22:38 UTC.

                Watch it, and manage the job, on its page:
                https://transcoder.example/?job=j1

                Uploaded file: «holiday.mov»
                """.formatted(HLS_URL, POSTER_URL, CUES_URL, SPRITE_URL));
        assertThat(email.text()).doesNotContain("seg_", "index.m3u8", "init.mp4");
    }

    @Test
    void completedHtmlGivesEachRenditionOneRowWithItsEntryLinkAndEachFurtherPictureLinkedInIt() {
        Email email = emails.completed(ticket("holiday.mov"), everyKind(), List.of());

        assertThat(email.html()).contains("""
                <tr><th align="left">Format</th><th align="left">Size</th><th align="left">Download</th></tr>
                <tr><td>hls</td><td>3.0 MB</td><td><a href="https://api.example/api/jobs/j1/outputs/hls/master.m3u8?expires=1796510280&amp;signature=h1">master.m3u8</a> (for a video player: open the link in one, or watch it on the page)</td></tr>
                <tr><td>thumbnail</td><td>85.0 kB</td><td><a href="https://s3.example/bucket/outputs/j1/thumbnail/poster.jpg?X-Amz-Signature=p1">poster.jpg</a></td></tr>
                <tr><td>storyboard</td><td>25.1 kB</td><td><a href="https://api.example/api/jobs/j1/outputs/storyboard/storyboard.vtt?expires=1796510280&amp;signature=c1">storyboard.vtt</a><br><a href="https://s3.example/bucket/outputs/j1/storyboard/sprite.jpg?X-Amz-Signature=s1">sprite.jpg</a> (24.0 kB)</td></tr>
                </table>
                """);
        assertThat(email.html()).doesNotContain("seg_", "index.m3u8", "init.mp4");
    }

    @Test
    void completedHtmlShowsThePosterAsALinkedRemotePictureFirstAndNoPictureWhenThereIsNone() {
        Email withPoster = emails.completed(ticket("holiday.mov"), everyKind(), List.of());
        Email withoutPoster = emails.completed(ticket("holiday.mov"), links(), List.of());

        String poster = POSTER_URL.replace("&", "&amp;");
        assertThat(withPoster.html()).startsWith("""
                <!DOCTYPE html>
                <html><body style="font-family: sans-serif">
                <p><a href="%s"><img src="%s" alt="A frame of your video" width="320" style="max-width: 100%%; height: auto; border: 0"></a></p>
                """.formatted(poster, poster));
        assertThat(withPoster.html()).doesNotContain("<img src=\"" + SPRITE_URL);
        assertThat(withoutPoster.html()).doesNotContain("<img");
    }

    @Test
    void linksTheJobsPageUnderTheInstallationsAddressWithOrWithoutATrailingSlash() {
        JobTicket job = ticket("holiday.mov");

        assertThat(new Emails(URI.create("https://transcoder.example")).jobPage(job)).hasToString(PAGE_URL);
        assertThat(new Emails(URI.create("https://example.org/transcoder/")).jobPage(job))
                .hasToString("https://example.org/transcoder/?job=j1");
    }

    @Test
    void partlyCompletedTextListsEveryRenditionThenEachFailedFormatWithItsReasonAndCodeAndHowToRetry() {
        List<FormatFailure> failures = List.of(
                new FormatFailure("av1", FailureCode.ENCODER_TIMEOUT, "The AV1 version took too long to encode."),
                new FormatFailure("hls", FailureCode.OUTPUT_INVALID, "The HLS version failed our check."));

        Email email = emails.completed(ticket("holiday.mov"), links(), failures);

        assertThat(email.subject()).isEqualTo("Your video is ready in some formats");
        assertThat(email.text()).isEqualTo("""
                Hello,

                your video has been transcoded into some of the formats you asked for. Download each format from its link:

                mp4 (12.3 MB, clip.mp4)
                %s

                webm (1.5 kB, clip.webm)
                %s

                The links work until 5 December 2026, 22:38 UTC.

                Watch it, and manage the job, on its page:
                https://transcoder.example/?job=j1

                These formats could not be made:

                av1: The AV1 version took too long to encode. (ENCODER_TIMEOUT)
                hls: The HLS version failed our check. (OUTPUT_INVALID)

                You can try them again from the job's page, or with POST /api/jobs/j1/retry and your API key.

                Uploaded file: «holiday.mov»
                """.formatted(MP4_URL, WEBM_URL));
    }

    @Test
    void partlyCompletedHtmlListsEachFailedFormatAfterTheLinks() {
        List<FormatFailure> failures = List.of(
                new FormatFailure("av1", FailureCode.ENCODER_TIMEOUT, "The AV1 <version> took too long."));

        Email email = emails.completed(ticket("holiday.mov"), links(), failures);

        assertThat(email.html()).contains("""
                <p>Your video has been transcoded into some of the formats you asked for. <a href="https://transcoder.example/?job=j1">Watch it on its page</a>, or download each format from its link:</p>
                """, """
                </table>
                <p>The links work until 5 December 2026, 22:38 UTC.</p>
                <p>These formats could not be made:</p>
                <ul>
                <li>av1: The AV1 &lt;version&gt; took too long. (<code>ENCODER_TIMEOUT</code>)</li>
                </ul>
                <p>You can try them again from the job&#39;s page, or with POST /api/jobs/j1/retry and your API key.</p>
                <p>Uploaded file: «<bdi>holiday.mov</bdi>»</p>
                """);
    }

    @Test
    void failedEmailSaysTheJobCanBeRetriedWhenTheVideoIsNotAtFault() {
        JobFailed failed = new JobFailed(ticket("holiday.mov"), JobState.UPLOADING, FailureCode.UNAVAILABLE,
                "Storage stayed unreachable for an hour, so the job was given up.");

        Email email = emails.failed(failed);

        assertThat(email.text()).contains("Reason: Storage stayed unreachable for an hour, so the job was given up. "
                + "(UNAVAILABLE)\nStage: uploading\n\nYou can try the job again from the job's page, or with "
                + "POST /api/jobs/j1/retry and your API key.\n");
        assertThat(email.html()).contains("<p>You can try the job again from the job&#39;s page, or with "
                + "POST /api/jobs/j1/retry and your API key.</p>");
        assertThat(email.text()).doesNotContain("upload it again");
    }

    @Test
    void completedEmailQuotesAHostileNameAsVisibleTextOnOneLineAfterTheLinks() {
        // a right-to-left override would show "exe.jpg" as "gpj.exe"; a line break would start a line of "our" text
        String hostile = "\u202Egpj.exe\r\n\r\nClick http://evil.example/verify \u2066to keep\u2069 your\u2028account\u200B";

        Email email = emails.completed(ticket(hostile), links(), List.of());

        assertThat(email.text()).endsWith("""
                The links work until 5 December 2026, 22:38 UTC.

                Watch it, and manage the job, on its page:
                https://transcoder.example/?job=j1

                Uploaded file: «gpj.exe Click http://evil.example/verify to keep your account»
                """);
        assertThat(email.html()).endsWith("""
                <p>Uploaded file: «<bdi>gpj.exe Click http://evil.example/verify to keep your account</bdi>»</p>
                </body></html>
                """);
        assertThat(firstUrl(email.text())).as("the first link is the first rendition's").isEqualTo(MP4_URL);
    }

    @Test
    void completedHtmlEscapesWhatTheUserChose() {
        Email email = emails.completed(ticket("<script>alert('x')</script> & more.mp4"), links(), List.of());

        assertThat(email.html())
                .contains("<p>Uploaded file: «<bdi>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more.mp4</bdi>»</p>")
                .doesNotContain("<script>");
    }

    @Test
    void failedEmailGivesTheFileNameTheReasonItsCodeAndTheStageEachUnderItsLabel() {
        JobFailed failed = new JobFailed(ticket("holiday.mov"), JobState.ENCODING, FailureCode.INPUT_NOT_VIDEO, "The file is not a video.");

        Email email = emails.failed(failed);

        assertThat(email.to()).isEqualTo("owner@example.com");
        assertThat(email.subject()).isEqualTo("Your video could not be transcoded");
        assertThat(email.text()).isEqualTo("""
                Hello,

                a video you uploaded could not be transcoded.

                Uploaded file: «holiday.mov»
                Reason: The file is not a video. (INPUT_NOT_VIDEO)
                Stage: encoding

                If the file plays on your computer, you can upload it again.

                The job's page: https://transcoder.example/?job=j1
                """);
        assertThat(email.html()).isEqualTo("""
                <!DOCTYPE html>
                <html><body style="font-family: sans-serif">
                <p>A video you uploaded could not be transcoded.</p>
                <p>Uploaded file: «<bdi>holiday.mov</bdi>»<br>
                Reason: The file is not a video. (<code>INPUT_NOT_VIDEO</code>)<br>
                Stage: encoding</p>
                <p>If the file plays on your computer, you can upload it again.</p>
                <p><a href="https://transcoder.example/?job=j1">The job's page</a></p>
                </body></html>
                """);
    }

    @Test
    void failedEmailKeepsAHostileNameInsideItsQuotesSoItCannotWriteTheReason() {
        String hostile = "\u202Egpj.exe\nReason: Your account is locked. Click http://evil.example/unlock\u200F";
        JobFailed failed = new JobFailed(ticket(hostile), JobState.DOWNLOADING, FailureCode.SOURCE_MISSING, "The upload is gone.");

        Email email = emails.failed(failed);

        assertThat(email.text().lines()).containsSubsequence(
                "a video you uploaded could not be transcoded.",
                "",
                "Uploaded file: «gpj.exe Reason: Your account is locked. Click http://evil.example/unlock»",
                "Reason: The upload is gone. (SOURCE_MISSING)",
                "Stage: downloading");
        assertThat(email.text().lines().filter(line -> line.startsWith("Reason:"))).hasSize(1);
        assertThat(email.html()).contains("""
                <p>Uploaded file: «<bdi>gpj.exe Reason: Your account is locked. Click http://evil.example/unlock</bdi>»<br>
                Reason: The upload is gone. (<code>SOURCE_MISSING</code>)<br>
                """);
    }

    @Test
    void failedHtmlEscapesTheSourceNameAndTheReason() {
        JobFailed failed = new JobFailed(ticket("<b>x</b>.mp4"), JobState.DOWNLOADING, FailureCode.STAGE_ERROR, "IOException: <eof>");

        Email email = emails.failed(failed);

        assertThat(email.html()).contains("&lt;b&gt;x&lt;/b&gt;.mp4", "IOException: &lt;eof&gt;").doesNotContain("<b>x", "<eof>");
    }

    @Test
    void saysSoWhenNoVisibleNameIsLeft() {
        JobFailed failed = new JobFailed(ticket("\u202E\u200B\r\n \u2066"), JobState.ENCODING, FailureCode.INPUT_NOT_VIDEO, "Not a video.");

        Email email = emails.failed(failed);

        assertThat(email.text().lines()).contains("Uploaded file: (no name)");
        assertThat(email.html()).contains("<p>Uploaded file: (no name)<br>");
    }

    @Test
    void displaysOnlyVisibleCharactersOfTheName() {
        assertThat(Emails.displayName("\u202Agpj\u202B.\u202Cexe\u202D\u202E")).isEqualTo("gpj.exe");
        assertThat(Emails.displayName("\u2066a\u2067b\u2068c\u2069.mp4")).isEqualTo("abc.mp4");
        assertThat(Emails.displayName("\u200Ea\u200Fb\u061Cc\uFEFFd\u200De\u00ADf.mov")).isEqualTo("abcdef.mov");
        assertThat(Emails.displayName("a\u0000b\u001Bc\u007Fd\u0085e.mp4")).isEqualTo("a b c d e.mp4");
        assertThat(Emails.displayName("one\u2028two\u2029three\tfour  \u00A0five")).isEqualTo("one two three four five");
        assertThat(Emails.displayName("lone \uD800 surrogate")).isEqualTo("lone surrogate");
        assertThat(Emails.displayName("Mañana 東京 שלום 🎬.mp4")).isEqualTo("Mañana 東京 שלום 🎬.mp4");
    }

    @Test
    void givesTheNameNoGuillemetsOfItsOwnSoItCannotCloseOurQuotes() {
        assertThat(Emails.displayName("a» Verified by the transcoder «b")).isEqualTo("a› Verified by the transcoder ‹b");
    }

    @Test
    void cutsALongNameAtACharacterBoundary() {
        String name = "a".repeat(118) + "🎬🎬🎬";

        String shown = Emails.displayName(name);

        assertThat(shown).isEqualTo("a".repeat(118) + "🎬…");
        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(120);
        assertThat(Emails.displayName("b".repeat(120))).isEqualTo("b".repeat(120));
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

    private static List<RenditionLinks> links() {
        return List.of(
                new RenditionLinks(rendition("mp4", "clip.mp4", 12_345_678), URI.create(MP4_URL), List.of(), EXPIRES),
                new RenditionLinks(rendition("webm", "clip.webm", 1_536), URI.create(WEBM_URL), List.of(), EXPIRES));
    }

    /** An HLS ladder, a poster and a storyboard, linked as the notifier links them. */
    private static List<RenditionLinks> everyKind() {
        StoredRendition hls = new StoredRendition("hls", RenditionKind.STREAM, "outputs/j1/hls/", "master.m3u8", List.of(
                new RenditionFile("master.m3u8", 300, "application/vnd.apple.mpegurl"),
                new RenditionFile("720p/index.m3u8", 700, "application/vnd.apple.mpegurl"),
                new RenditionFile("720p/init.mp4", 1_000, "video/mp4"),
                new RenditionFile("720p/seg_000.m4s", 2_000_000, "video/iso.segment"),
                new RenditionFile("720p/seg_001.m4s", 1_000_000, "video/iso.segment")));
        StoredRendition thumbnail = new StoredRendition("thumbnail", RenditionKind.IMAGE, "outputs/j1/thumbnail/",
                "poster.jpg", List.of(new RenditionFile("poster.jpg", 85_000, "image/jpeg")));
        StoredRendition storyboard = new StoredRendition("storyboard", RenditionKind.IMAGE, "outputs/j1/storyboard/",
                "storyboard.vtt", List.of(new RenditionFile("sprite.jpg", 24_000, "image/jpeg"),
                        new RenditionFile("storyboard.vtt", 1_100, "text/vtt")));
        return List.of(
                new RenditionLinks(hls, URI.create(HLS_URL), List.of(), EXPIRES),
                new RenditionLinks(thumbnail, URI.create(POSTER_URL), List.of(), EXPIRES),
                new RenditionLinks(storyboard, URI.create(CUES_URL),
                        List.of(new RenditionLinks.FileLink(storyboard.files().get(0), URI.create(SPRITE_URL))), EXPIRES));
    }

    private static StoredRendition rendition(String format, String name, long size) {
        return new StoredRendition(format, RenditionKind.VIDEO, "outputs/j1/" + format + "/", name,
                List.of(new RenditionFile(name, size, "video/" + format)));
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
