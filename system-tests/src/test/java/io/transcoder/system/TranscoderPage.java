package io.transcoder.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web page as a person uses it, by the element ids the page promises (the shared contract's "Page element ids"):
 * what is typed, chosen and clicked, and what the page shows, read the way a test can compare.
 */
final class TranscoderPage {

    /** Everything the page shows of an upload and a job at one moment, read in one script so it is consistent. */
    private static final String READ = """
            const one = selector => document.querySelector(selector);
            const shown = element => !!element && element.checkVisibility();
            const job = one('#job');
            return {
              uploadShown: shown(one('#upload')),
              upload: one('#upload-progress') ? one('#upload-progress').value : null,
              jobShown: shown(job),
              jobId: job ? job.dataset.jobId || null : null,
              state: job ? job.dataset.state || null : null,
              overall: one('#job-progress') ? one('#job-progress').value : null,
              phase: one('#job-phase') ? one('#job-phase').textContent.trim() : null,
              eta: one('#job-eta') ? one('#job-eta').textContent.trim() : null,
              formats: Object.fromEntries([...document.querySelectorAll('progress.format-progress')]
                .map(bar => [bar.dataset.format, bar.value]))
            };
            """;

    private final Browser browser;

    private TranscoderPage(Browser browser) {
        this.browser = browser;
    }

    static TranscoderPage open(Browser browser, URI page) {
        browser.get(page);
        return new TranscoderPage(browser);
    }

    Browser browser() {
        return browser;
    }

    /** Enters the API key once; the key form gives way to the signed-in bar. */
    void signIn(String key) {
        browser.find("#key").sendKeys(key);
        browser.find("#key-save").click();
        await("signed in").atMost(Duration.ofSeconds(10)).until(this::signedIn);
        assertThat(browser.find("#key").isDisplayed()).as("the key field, once signed in").isFalse();
    }

    boolean signedIn() {
        return browser.find("#signed-in").isDisplayed();
    }

    /** Chooses a file, ticks the formats, enters the email address and submits, as a person does. */
    void submit(Path video, List<String> formats, String email) {
        browser.find("#file").sendKeys(video.toAbsolutePath().toString());
        await("the formats offered").atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findAll("#formats input[type=checkbox][name=formats]").isEmpty());
        for (String format : formats) {
            tick(browser.find("#formats input[type=checkbox][name=formats][value='" + format + "']"));
        }
        browser.find("#email").sendKeys(email);
        browser.find("#submit").click();
    }

    /** Ticks a box the way a person does: on its label where it has one (a chip draws its box), else on the box. */
    private void tick(WebElement box) {
        if (box.isSelected()) {
            return;
        }
        String id = box.getDomAttribute("id");
        List<WebElement> labels = id == null ? List.of() : browser.findAll("label[for='" + id + "']");
        (labels.isEmpty() ? box : labels.get(0)).click();
        assertThat(box.isSelected()).as("format " + box.getDomAttribute("value") + " ticked").isTrue();
    }

    /** What the page shows at one moment. */
    record Shown(boolean uploadShown, double upload, boolean jobShown, @Nullable String jobId, @Nullable String state,
            double overall, @Nullable String phase, @Nullable String eta, Map<String, Double> formats) {

        boolean ended() {
            return List.of("COMPLETED", "FAILED", "CANCELLED").contains(state);
        }
    }

    @SuppressWarnings("unchecked")
    Shown read() {
        Map<String, Object> values = (Map<String, Object>) browser.script(READ);
        Map<String, Double> formats = new LinkedHashMap<>();
        ((Map<String, Object>) values.get("formats")).forEach((format, value) -> formats.put(format, number(value)));
        return new Shown(Boolean.TRUE.equals(values.get("uploadShown")), number(values.get("upload")),
                Boolean.TRUE.equals(values.get("jobShown")), (String) values.get("jobId"), (String) values.get("state"),
                number(values.get("overall")), (String) values.get("phase"), (String) values.get("eta"), formats);
    }

    private static double number(@Nullable Object value) {
        return value == null ? -1 : ((Number) value).doubleValue();
    }

    /** Reads the page every 50 ms into {@code seen} until {@code until} holds of what it shows; answers that. */
    Shown watch(List<Shown> seen, Duration atMost, String what, Predicate<Shown> until) {
        return await(what).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            Shown shown = read();
            seen.add(shown);
            return shown;
        }, until);
    }

    /** Waits for the page to show the job its upload became; answers the job's id. */
    String awaitJob(Duration atMost) {
        return watch(new ArrayList<>(), atMost, "the upload to be accepted", shown -> shown.jobId() != null).jobId();
    }

    Shown awaitState(String state, Duration atMost) {
        return watch(new ArrayList<>(), atMost, "the job " + state, shown -> state.equals(shown.state()));
    }

    WebElement element(String css) {
        return browser.find(css);
    }

    boolean shown(String css) {
        List<WebElement> found = browser.findAll(css);
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    String text(String css) {
        return browser.find(css).getText().strip();
    }

    /** The job list: each entry's job id and state, top to bottom. */
    List<Map.Entry<String, String>> jobList() {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (WebElement item : browser.findAll("#jobs > li[data-job-id]")) {
            entries.add(Map.entry(item.getDomAttribute("data-job-id"), item.getDomAttribute("data-state")));
        }
        return entries;
    }

    List<String> jobListIds() {
        return jobList().stream().map(Map.Entry::getKey).toList();
    }

    /** Opens a job from the list, with the link or button its entry holds. */
    void openFromList(String jobId) {
        WebElement item = browser.find("#jobs > li[data-job-id='" + jobId + "']");
        item.findElement(By.cssSelector("a, button")).click();
    }

    /** The player: where it is, whether it plays and has what it needs to go on, what it plays. */
    record Playback(double currentTime, boolean paused, int readyState, String source, @Nullable Object error) {

        boolean playing() {
            return !paused && readyState >= 3; // HAVE_FUTURE_DATA
        }
    }

    Playback playback() {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) browser.script("""
                const video = arguments[0];
                return { time: video.currentTime, paused: video.paused, ready: video.readyState, source: video.currentSrc,
                         error: video.error ? video.error.code + ' ' + video.error.message : null };
                """, element("#player"));
        return new Playback(number(values.get("time")), Boolean.TRUE.equals(values.get("paused")),
                (int) number(values.get("ready")), String.valueOf(values.get("source")), values.get("error"));
    }

    /**
     * Starts the player (muted, as a page may start one only so) and waits until its time has advanced by
     * {@code seconds} since it began to play, on one source; answers where it got to.
     */
    Playback play(double seconds) {
        browser.script("const video = arguments[0]; video.muted = true; video.play();", element("#player"));
        Playback started = await("the video to start").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(this::playback, playback -> {
                    assertThat(playback.error()).as("the video element's error").isNull();
                    return playback.playing();
                });
        return await("the video to play on").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(this::playback, playback -> {
                    assertThat(playback.error()).as("the video element's error").isNull();
                    assertThat(playback.source()).as("what the player plays").isEqualTo(started.source());
                    return playback.currentTime() >= started.currentTime() + seconds;
                });
    }

    /** Pauses the player, as a person does before choosing another format. */
    void pause() {
        browser.script("arguments[0].pause();", element("#player"));
    }
}
