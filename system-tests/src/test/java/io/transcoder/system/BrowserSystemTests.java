package io.transcoder.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.github.kokorin.jaffree.ffprobe.FFprobe;
import com.github.kokorin.jaffree.ffprobe.FFprobeResult;
import com.github.kokorin.jaffree.ffprobe.Stream;
import io.transcoder.system.TranscoderPage.Playback;
import io.transcoder.system.TranscoderPage.Shown;
import io.transcoder.test.TestClips;
import io.transcoder.test.TestInfrastructure;
import io.transcoder.test.TranscoderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The web page in headless Chromium against the five real applications, used as a person uses it: a key entered
 * once, a generated clip chosen and uploaded, its bars watched to the end, the results played and downloaded; a file
 * that is no video; a job cancelled while it encodes; the owner's job list. Every end state leaves a phone-width, a
 * desktop and a dark-mode screenshot under {@code target/screenshots}. After each test {@link BrowserExtension}
 * checks that the console shows no error and that no request left the installation.
 */
@TranscoderTest
@ExtendWith({RunningSystem.Resolver.class, BrowserExtension.class})
class BrowserSystemTests {

    private static final String OWNER = "browser";
    private static final double CLIP_SECONDS = 10;
    /** Slow enough that a 9 MB clip takes seconds to send, so that its bar is seen on its way. */
    private static final long UPLOAD_BYTES_PER_SECOND = 2_000_000;
    private static final Predicate<Double> UNDER_WAY = value -> value > 0 && value < 100;

    @TempDir
    static Path files;

    static RunningSystem system;
    static Path clip;
    static Path longClip;
    static Path shortClip;
    static Path notes;
    /** Every job of this class's owner, oldest first, whichever test submitted it. */
    static final List<String> submitted = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTheSystem(RunningSystem running) {
        system = running;
        clip = TestClips.video(files.resolve("clip.mp4"), "mp4", "1280x720", CLIP_SECONDS);
        longClip = TestClips.video(files.resolve("long.mp4"), "mp4", "1280x720", 30);
        shortClip = TestClips.video(files.resolve("short.mp4"));
        notes = TestClips.write(files.resolve("notes.mp4"), "These are my notes, not a video.\n".repeat(100));
    }

    @Test
    void uploadsAClipWatchesEveryBarReachTheEndThenPlaysAndDownloadsTheResults(Browser browser) throws Exception {
        TranscoderPage page = signedIn(browser);
        List<Shown> seen = new ArrayList<>();

        browser.throttleUploads(UPLOAD_BYTES_PER_SECOND);
        page.submit(clip, List.of("mp4", "hls", "thumbnail"), email("viewer"));
        String id = page.watch(seen, Duration.ofMinutes(2), "the upload to be accepted", shown -> shown.jobId() != null)
                .jobId();
        submitted.add(id);
        browser.unthrottle();
        Shown end = page.watch(seen, Duration.ofMinutes(4), "job " + id + " to end", Shown::ended);

        assertThat(end.state()).isEqualTo("COMPLETED");
        List<Double> upload = seen.stream().filter(Shown::uploadShown).map(Shown::upload).toList();
        assertThat(upload).as("the upload's bar").isSorted().contains(100.0).anyMatch(UNDER_WAY);
        List<Shown> job = seen.stream().filter(shown -> id.equals(shown.jobId())).toList();
        assertThat(job.stream().map(Shown::overall).toList()).as("the job's bar")
                .isSorted().anyMatch(UNDER_WAY).last().isEqualTo(100.0);
        for (String format : List.of("mp4", "hls", "thumbnail")) {
            assertThat(job.stream().map(shown -> shown.formats().get(format)).filter(value -> value != null).toList())
                    .as("the bar of " + format).isNotEmpty().isSorted().last().isEqualTo(100.0);
        }
        assertThat(job).as("a format's bar on its way").anySatisfy(shown ->
                assertThat(shown.formats().values()).anyMatch(UNDER_WAY));
        assertThat(job.stream().map(Shown::phase).filter(phase -> phase != null && phase.matches(".*\\p{L}.*"))
                .distinct().toList()).as("the phases shown").hasSizeGreaterThanOrEqualTo(3);
        assertThat(job).as("a time left while encoding").anyMatch(shown ->
                "ENCODING".equals(shown.state()) && shown.eta() != null && shown.eta().matches(".*\\d.*"));
        assertThat(system.job(OWNER, id).get("state").asString()).isEqualTo("COMPLETED");

        Map<String, JsonNode> outputs = outputs(system.job(OWNER, id));
        await("the results").atMost(Duration.ofSeconds(10)).until(() -> page.shown("#results"));
        page.element("#play-choice button[data-format='mp4']").click();
        Playback mp4 = page.play(1.5);
        assertThat(URI.create(mp4.source()).getPath()).as("the mp4 plays from storage")
                .isEqualTo(URI.create(outputs.get("mp4").get("url").asString()).getPath());
        page.pause();
        page.element("#play-choice button[data-format='hls']").click();
        await("hls chosen").atMost(Duration.ofSeconds(5)).until(() -> "true".equals(
                page.element("#play-choice button[data-format='hls']").getDomAttribute("aria-pressed")));
        Playback hls = page.play(1.5);
        assertThat(hls.source()).as("hls.js feeds the player through Media Source Extensions").startsWith("blob:");
        assertThat(browser.requested()).as("the ladder's master playlist, from the API")
                .anyMatch(url -> url.contains("/api/jobs/" + id + "/outputs/hls/master.m3u8"))
                .as("its segments, from storage").anyMatch(url -> url.startsWith(system.storageEndpoint().toString())
                        && url.contains("/" + id + "/hls/") && !url.contains(".m3u8"));
        assertThat((Number) browser.script("const poster = arguments[0]; return poster.complete ? poster.naturalWidth : 0",
                page.element("#poster"))).as("the poster's width, once loaded").matches(width -> width.intValue() > 0);

        WebElement download = page.element("#downloads a.download[data-format='mp4']");
        Path file = download(download.getDomProperty("href"));
        FFprobeResult probe = FFprobe.atPath().setShowFormat(true).setShowStreams(true).setInput(file).execute();
        assertThat(probe.getFormat().getFormatName()).contains("mp4");
        assertThat(probe.getStreams().stream().map(Stream::getCodecName)).containsExactlyInAnyOrder("h264", "aac");
        assertThat(probe.getFormat().getDuration()).isCloseTo((float) CLIP_SECONDS, within(0.5f));
        assertThat(Files.size(file)).isEqualTo(outputs.get("mp4").get("size").asLong());
        assertThat(page.text("#downloads")).as("each download's size").containsPattern("\\d(\\.\\d+)? ?[kKMG]?i?B");

        assertNoActionOffered(page);
        browser.screenshots("completed");
        assertTheListShowsEveryJobNewestFirst(page, "COMPLETED");
    }

    @Test
    void saysInWordsAndByItsCodeWhyAFileThatIsNoVideoFailed(Browser browser) {
        TranscoderPage page = signedIn(browser);

        page.submit(notes, List.of("mp4"), email("writer"));
        String id = page.awaitJob(Duration.ofMinutes(1));
        submitted.add(id);
        Shown end = page.watch(new ArrayList<>(), Duration.ofMinutes(2), "job " + id + " to end", Shown::ended);

        assertThat(end.state()).isEqualTo("FAILED");
        JsonNode error = system.job(OWNER, id).get("error");
        assertThat(error.get("code").asString()).isEqualTo("INPUT_NOT_VIDEO");
        assertThat(page.shown("#job-error")).as("the failure shown").isTrue();
        assertThat(page.text("#job-error-code")).isEqualTo("INPUT_NOT_VIDEO");
        assertThat(page.text("#job-error")).as("the reason in words").contains(error.get("message").asString());
        assertThat(page.shown("#results")).as("results of a failed job").isFalse();
        assertNoActionOffered(page); // the input is at fault: trying again cannot help
        browser.screenshots("failed");
        assertTheListShowsEveryJobNewestFirst(page, "FAILED");
    }

    @Test
    void cancelsAJobWhileItEncodes(Browser browser) {
        TranscoderPage page = signedIn(browser);
        List<Shown> seen = new ArrayList<>();

        page.submit(longClip, List.of("mp4", "webm"), email("quitter"));
        String id = page.awaitJob(Duration.ofMinutes(1));
        submitted.add(id);
        page.watch(seen, Duration.ofMinutes(2), "job " + id + " encoding", shown -> "ENCODING".equals(shown.state())
                && shown.formats().values().stream().anyMatch(UNDER_WAY));
        assertThat(page.shown("#cancel")).as("the cancel button while encoding").isTrue();
        page.element("#cancel").click();
        Shown end = page.watch(seen, Duration.ofSeconds(30), "job " + id + " to end", Shown::ended);

        assertThat(end.state()).isEqualTo("CANCELLED");
        assertThat(page.element("#job").getDomAttribute("data-state")).isEqualTo("CANCELLED");
        assertThat(end.overall()).as("the job's bar once cancelled").isLessThan(100);
        assertThat(system.job(OWNER, id).get("state").asString()).isEqualTo("CANCELLED");
        assertNoActionOffered(page); // a cancelled job is not tried again: its source is gone
        browser.screenshots("cancelled");
        assertTheListShowsEveryJobNewestFirst(page, "CANCELLED");
        await("the cancelled job's files removed").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(TestInfrastructure.workDir()).isEmptyDirectory());
    }

    @Test
    void listsTheOwnersJobsNewestFirstKeepsThemCurrentAndOpensOne(Browser browser) {
        TranscoderPage page = signedIn(browser);
        await("the list").atMost(Duration.ofSeconds(30)).until(page::jobListIds, ids -> ids.equals(newestFirst()));

        // submitted elsewhere (a program, another tab): the list finds them by itself
        String older = system.submit(OWNER, shortClip, "mp4", email("lister"));
        submitted.add(older);
        await("the list with " + older).atMost(Duration.ofSeconds(30))
                .until(page::jobListIds, ids -> ids.equals(newestFirst()));
        String newer = system.submit(OWNER, shortClip, "mp4", email("lister"));
        submitted.add(newer);
        await("the list with " + newer).atMost(Duration.ofSeconds(30))
                .until(page::jobListIds, ids -> ids.equals(newestFirst()));
        await("both completed in the list").atMost(Duration.ofMinutes(2)).until(page::jobList, entries ->
                entries.contains(Map.entry(older, "COMPLETED")) && entries.contains(Map.entry(newer, "COMPLETED")));

        page.openFromList(older);
        await("job " + older + " open").atMost(Duration.ofSeconds(10))
                .until(() -> older.equals(page.element("#job").getDomAttribute("data-job-id")));
        page.awaitState("COMPLETED", Duration.ofSeconds(10));

        browser.get(system.apiUri("/?job=" + newer));
        await("job " + newer + " open from its address").atMost(Duration.ofSeconds(10))
                .until(() -> newer.equals(page.element("#job").getDomAttribute("data-job-id")));
        assertThat(page.signedIn()).as("the key kept for this tab").isTrue();
        page.awaitState("COMPLETED", Duration.ofSeconds(10));
    }

    private static TranscoderPage signedIn(Browser browser) {
        TranscoderPage page = TranscoderPage.open(browser, system.apiUri("/"));
        page.signIn(system.key(OWNER));
        return page;
    }

    /** A job in an end state offers neither to cancel nor to try again (when none of its formats can be retried). */
    private static void assertNoActionOffered(TranscoderPage page) {
        assertThat(page.shown("#cancel")).as("the cancel button of an ended job").isFalse();
        assertThat(page.shown("#retry")).as("the retry button").isFalse();
    }

    /** The owner's jobs, newest first, the latest in {@code state}: the list keeps up without being reloaded. */
    private static void assertTheListShowsEveryJobNewestFirst(TranscoderPage page, String state) {
        await("the job list").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(page.jobListIds()).isEqualTo(newestFirst());
            assertThat(page.jobList().get(0)).isEqualTo(Map.entry(submitted.get(submitted.size() - 1), state));
        });
    }

    private static List<String> newestFirst() {
        List<String> ids = new ArrayList<>(submitted);
        Collections.reverse(ids);
        return ids;
    }

    private static Map<String, JsonNode> outputs(JsonNode job) {
        Map<String, JsonNode> outputs = new HashMap<>();
        job.get("outputs").forEach(output -> outputs.put(output.get("format").asString(), output));
        return outputs;
    }

    private static String email(String who) {
        return who + "." + UUID.randomUUID() + "@example.com";
    }

    /** Follows a link as a download manager would: without the page, its key or its cookies. */
    private static Path download(String link) throws Exception {
        Path target = Files.createTempFile(files, "download-", ".mp4");
        HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofFile(target));
        assertThat(response.statusCode()).as("GET " + link).isEqualTo(200);
        return target;
    }
}
