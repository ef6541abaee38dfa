package io.transcoder.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.github.kokorin.jaffree.ffmpeg.FFmpeg;
import com.github.kokorin.jaffree.ffmpeg.NullOutput;
import com.github.kokorin.jaffree.ffmpeg.UrlInput;
import com.github.kokorin.jaffree.ffprobe.FFprobe;
import com.github.kokorin.jaffree.ffprobe.FFprobeResult;
import com.github.kokorin.jaffree.ffprobe.Stream;
import io.transcoder.jobs.JobPhase;
import io.transcoder.local.EmbeddedMail;
import io.transcoder.storage.LinkProperties;
import io.transcoder.storage.ManifestLinks;
import io.transcoder.test.ReceivedEmail;
import io.transcoder.test.ServiceProcess;
import io.transcoder.test.TestClips;
import io.transcoder.test.TestInfrastructure;
import io.transcoder.test.TranscoderTest;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * The five real applications, each in its own JVM, against real RabbitMQ, Redis, S3 API, SMTP and ffmpeg: a video
 * goes in over HTTP and comes out as emailed download links.
 */
@TranscoderTest
@ExtendWith(RunningSystem.Resolver.class)
class PipelineSystemTests {

    private static final double CLIP_SECONDS = 10;
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    @TempDir
    static Path files;

    static RunningSystem system;
    static EmbeddedMail mail;
    static ServiceProcess api;
    static RestClient http;

    @BeforeAll
    static void startTheSystem(RunningSystem running) {
        system = running;
        mail = system.mail();
        api = system.api();
        http = system.http("system");
        TestClips.video(files.resolve("clip.mp4"), "mp4", "1280x720", CLIP_SECONDS);
        TestClips.write(files.resolve("notes.mp4"), "These are my notes, not a video.\n".repeat(100));
    }

    @Test
    void transcodesAnUploadIntoEveryFormatAndEmailsWorkingLinks() throws Exception {
        String recipient = "viewer." + UUID.randomUUID() + "@example.com";
        String id = submit(files.resolve("clip.mp4"), "mp4,webm", recipient);

        List<Observed> seen = new ArrayList<>();
        JsonNode job = awaitEnd(id, seen);

        assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("outputs")).hasSize(2);
        assertProgressIsHonest(seen);

        ReceivedEmail email = awaitEmail(recipient);
        assertThat(email.subject()).isEqualTo("Your video is ready");
        assertThat(email.text()).contains("clip.mp4");
        List<String> all = links(email.text());
        assertThat(all).hasSize(3);
        assertThat(all.get(2)).as("the job's page comes after the downloads").isEqualTo(api.uri("/?job=" + id).toString());
        List<String> links = all.subList(0, 2);
        assertThat(email.html()).contains(links.get(0).replace("&", "&amp;"));

        FFprobeResult mp4 = probe(download(links.get(0), "first"));
        assertThat(mp4.getFormat().getFormatName()).contains("mp4");
        assertThat(codecs(mp4)).containsExactlyInAnyOrder("h264", "aac");
        assertThat(mp4.getFormat().getDuration()).isCloseTo((float) CLIP_SECONDS, within(0.5f));

        FFprobeResult webm = probe(download(links.get(1), "second"));
        assertThat(webm.getFormat().getFormatName()).contains("webm");
        assertThat(codecs(webm)).containsExactlyInAnyOrder("vp9", "opus");
        assertThat(webm.getFormat().getDuration()).isCloseTo((float) CLIP_SECONDS, within(0.5f));

        assertNothingLeftInTheWorkVolume();
        assertThat(ReceivedEmail.all(mail.greenMail(), recipient)).as("one email per job").hasSize(1);
    }

    @Test
    void deliversAnAdaptiveLadderAPosterAndSeekPreviewsFromPrivateStorage() throws Exception {
        String recipient = "streamer." + UUID.randomUUID() + "@example.com";
        String id = submit(files.resolve("clip.mp4"), "hls,thumbnail,storyboard", recipient);

        List<Observed> seen = new ArrayList<>();
        JsonNode job = awaitEnd(id, seen);

        assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(progress(seen)).isSorted().last().isEqualTo(100);
        Map<String, JsonNode> outputs = new HashMap<>();
        job.get("outputs").forEach(output -> outputs.put(output.get("format").asString(), output));
        assertThat(outputs).containsOnlyKeys("hls", "thumbnail", "storyboard");

        URI master = URI.create(outputs.get("hls").get("url").asString());
        HttpResponse<String> masterResponse = get(master);
        assertThat(masterResponse.statusCode()).isEqualTo(200);
        assertThat(masterResponse.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/vnd.apple.mpegurl"));
        List<Manifests.Variant> variants = Manifests.variants(masterResponse.body());
        assertThat(variants).extracting(Manifests.Variant::height).containsExactly(720, 480, 360, 240);
        assertThat(variants).allSatisfy(variant -> assertThat(variant.attributes())
                .containsKeys("BANDWIDTH", "AVERAGE-BANDWIDTH", "RESOLUTION", "CODECS", "FRAME-RATE"));

        assertThat(playedSeconds(master)).as("ffmpeg playing the master playlist from its link alone")
                .isCloseTo(CLIP_SECONDS, within(0.5));
        List<List<Double>> boundaries = new ArrayList<>();
        List<URI> firstSegments = new ArrayList<>();
        URI storage = URI.create(TestInfrastructure.properties().get("transcoder.storage.endpoint"));
        for (Manifests.Variant variant : variants) {
            URI playlist = master.resolve(variant.uri());
            Manifests.MediaPlaylist media = Manifests.media(get(playlist).body());
            assertThat(media.segments()).isNotEmpty().allSatisfy(segment -> assertThat(URI.create(segment.uri()))
                    .as("segments come straight from storage").hasHost(storage.getHost()).hasPort(storage.getPort()));
            boundaries.add(media.segments().stream().map(Manifests.Segment::duration).toList());
            firstSegments.add(URI.create(media.segments().get(0).uri()));
            assertThat(playedSeconds(playlist)).as("every segment of " + variant.uri() + " decodes")
                    .isCloseTo(CLIP_SECONDS, within(0.5));
        }
        assertThat(boundaries).as("segment boundaries at the same times in every rung").allSatisfy(
                durations -> assertThat(durations).isEqualTo(boundaries.get(0)));
        assertThat(firstSegments).as("same-named segments of different rungs are different objects")
                .doesNotHaveDuplicates();

        String signature = master.getRawQuery().replaceAll(".*signature=", "");
        URI tampered = URI.create(master.toString().replace("signature=" + signature,
                "signature=" + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1)));
        assertThat(get(tampered).statusCode()).isEqualTo(403);
        ManifestLinks links = new ManifestLinks(new LinkProperties(api.uri(""),
                TestInfrastructure.properties().get("transcoder.links.signing-key")), Clock.systemUTC());
        assertThat(get(links.link(id, "hls", "master.m3u8", Instant.now().plusSeconds(60))).statusCode())
                .as("a link made with the installation's key").isEqualTo(200);
        assertThat(get(links.link(id, "hls", "master.m3u8", Instant.now().minusSeconds(1))).statusCode())
                .as("the same link, expired").isEqualTo(403);

        assertStoryboardCoversTheVideo(outputs.get("storyboard"));
        BufferedImage poster = ImageIO.read(download(outputs.get("thumbnail").get("url").asString(), "poster").toFile());
        assertThat(poster.getWidth()).isLessThanOrEqualTo(1280);
        assertThat((double) poster.getWidth() / poster.getHeight()).isCloseTo(16.0 / 9, within(0.02));
        assertThat(meanLuma(poster)).as("the poster is no black frame").isGreaterThan(40);

        ReceivedEmail email = awaitEmail(recipient);
        assertThat(links(email.text())).anySatisfy(link -> assertThat(link).contains("/outputs/hls/master.m3u8?"));
        assertNothingLeftInTheWorkVolume();
    }

    private static void assertStoryboardCoversTheVideo(JsonNode storyboard) throws Exception {
        HttpResponse<String> vtt = get(URI.create(storyboard.get("url").asString()));
        assertThat(vtt.statusCode()).isEqualTo(200);
        assertThat(vtt.body()).startsWith("WEBVTT");
        List<Manifests.Cue> cues = Manifests.cues(vtt.body());
        assertThat(cues).isNotEmpty();
        assertThat(cues.get(0).start()).isZero();
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).start()).as("cue " + i + " starts where the one before ends")
                    .isEqualTo(cues.get(i - 1).end());
        }
        assertThat(cues.get(cues.size() - 1).end()).isCloseTo(CLIP_SECONDS, within(0.1));
        String image = cues.get(0).image();
        BufferedImage sprite = ImageIO.read(download(image.substring(0, image.indexOf('#')), "sprite").toFile());
        assertThat(cues).allSatisfy(cue -> {
            String[] xywh = cue.image().substring(cue.image().indexOf("#xywh=") + 6).split(",");
            int x = Integer.parseInt(xywh[0]);
            int y = Integer.parseInt(xywh[1]);
            assertThat(x + Integer.parseInt(xywh[2])).isLessThanOrEqualTo(sprite.getWidth());
            assertThat(y + Integer.parseInt(xywh[3])).isLessThanOrEqualTo(sprite.getHeight());
        });
    }

    /** How far ffmpeg's own HLS client got, decoding everything it read, with nothing but the link. */
    private static double playedSeconds(URI playlist) {
        AtomicLong reached = new AtomicLong();
        FFmpeg.atPath()
                .addInput(UrlInput.fromUrl(playlist.toString()))
                .addOutput(new NullOutput())
                .setProgressListener(progress -> {
                    if (progress.getTimeMillis() != null) {
                        reached.accumulateAndGet(progress.getTimeMillis(), Math::max);
                    }
                })
                .execute();
        return reached.get() / 1000.0;
    }

    private static double meanLuma(BufferedImage image) {
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                sum += (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
            }
        }
        return (double) sum / ((long) image.getWidth() * image.getHeight());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shipsTheRenditionsThatPassTheirCheckAndNamesTheOneThatDidNot() throws Exception {
        String recipient = "checker." + UUID.randomUUID() + "@example.com";
        String id = submit(files.resolve("clip.mp4"), "mp4,truncated", recipient);

        JsonNode job = awaitEnd(id, new ArrayList<>());

        assertThat(job.get("state").asString()).isEqualTo("COMPLETED");
        List<String> formats = new ArrayList<>();
        job.get("outputs").forEach(output -> formats.add(output.get("format").asString()));
        assertThat(formats).containsExactly("mp4");
        JsonNode failure = job.get("failures").get(0);
        assertThat(job.get("failures").size()).isEqualTo(1);
        assertThat(failure.get("format").asString()).isEqualTo("truncated");
        assertThat(failure.get("code").asString()).isEqualTo("OUTPUT_INVALID");
        assertThat(failure.get("reason").asString()).as("names the format and what is wrong")
                .containsIgnoringCase("truncated").contains("instead of 10.000 s");
        try (S3Client s3 = storage()) {
            String bucket = TestInfrastructure.properties().get("transcoder.storage.bucket");
            assertThat(s3.listObjectsV2(list -> list.bucket(bucket).prefix("outputs/" + id + "/truncated/")).contents())
                    .as("the rendition that failed its check is never stored").isEmpty();
            assertThat(s3.listObjectsV2(list -> list.bucket(bucket).prefix("outputs/" + id + "/mp4/")).contents())
                    .isNotEmpty();
            assertThat(s3.listObjectsV2(list -> list.bucket(bucket).prefix("sources/" + id + "/")).contents())
                    .as("the source is kept for a retry").isNotEmpty();
        }
        ReceivedEmail email = awaitEmail(recipient);
        assertThat(email.text()).contains("OUTPUT_INVALID", "/api/jobs/" + id + "/retry");
        assertNothingLeftInTheWorkVolume();
    }

    /**
     * Progress only rises and reaches 100 only when the job is COMPLETED; the phases come in the pipeline's order; the
     * encoder's estimate of its end draws nearer as it works.
     */
    private static void assertProgressIsHonest(List<Observed> seen) {
        assertThat(progress(seen)).isSorted().last().isEqualTo(100);
        assertThat(seen).filteredOn(observed -> observed.progress() == 100)
                .allSatisfy(observed -> assertThat(observed.state()).isEqualTo("COMPLETED"));
        List<JobPhase> phases = seen.stream().map(Observed::phase).distinct().toList();
        assertThat(phases).as("phases seen").isSortedAccordingTo(Comparator.naturalOrder()).contains(JobPhase.COMPLETED);
        List<Duration> remaining = seen.stream()
                .filter(observed -> observed.job().hasNonNull("estimatedEnd"))
                .map(observed -> Duration.between(observed.at(), Instant.parse(observed.job().get("estimatedEnd").asString())))
                .toList();
        assertThat(remaining).as("estimates while encoding").hasSizeGreaterThan(2);
        assertThat(remaining.get(remaining.size() - 1)).as("the last estimate is nearer than the first")
                .isLessThan(remaining.get(0));
    }

    private static S3Client storage() {
        Map<String, String> infrastructure = TestInfrastructure.properties();
        return S3Client.builder()
                .endpointOverride(URI.create(infrastructure.get("transcoder.storage.endpoint")))
                .region(Region.of(infrastructure.get("transcoder.storage.region")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        infrastructure.get("transcoder.storage.access-key"),
                        infrastructure.get("transcoder.storage.secret-key"))))
                .forcePathStyle(true)
                .build();
    }

    @Test
    void failsATextFileDisguisedAsAVideoAndSaysWhy() throws Exception {
        String recipient = "writer." + UUID.randomUUID() + "@example.com";
        String id = submit(files.resolve("notes.mp4"), "mp4", recipient);

        JsonNode job = awaitEnd(id, new ArrayList<>());

        assertThat(job.get("state").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").get("code").asString()).isEqualTo("INPUT_NOT_VIDEO");
        ReceivedEmail email = awaitEmail(recipient);
        assertThat(email.subject()).isEqualTo("Your video could not be transcoded");
        assertThat(email.text()).contains("notes.mp4", "INPUT_NOT_VIDEO");
        assertNothingLeftInTheWorkVolume();
        assertThat(ReceivedEmail.all(mail.greenMail(), recipient)).as("one email per job").hasSize(1);
    }

    /** The uploader removes a job's files right after completing it, so the files may outlive COMPLETED a moment. */
    private static void assertNothingLeftInTheWorkVolume() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(TestInfrastructure.workDir()).isEmptyDirectory());
    }

    private static String submit(Path video, String formats, String email) {
        return system.submit("system", video, formats, email);
    }

    /** What the job looked like, and when, at each poll until it ended. */
    record Observed(Instant at, JsonNode job) {

        int progress() {
            return job.get("progress").asInt();
        }

        String state() {
            return job.get("state").asString();
        }

        JobPhase phase() {
            return JobPhase.valueOf(job.get("phase").asString());
        }
    }

    private static JsonNode awaitEnd(String id, List<Observed> seen) {
        return await("job " + id + " to end").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonNode job = http.get().uri("/api/jobs/" + id).retrieve().body(JsonNode.class);
                    seen.add(new Observed(Instant.now(), job));
                    return job;
                }, job -> List.of("COMPLETED", "FAILED").contains(job.get("state").asString()));
    }

    private static List<Integer> progress(List<Observed> seen) {
        return seen.stream().map(Observed::progress).toList();
    }

    private static ReceivedEmail awaitEmail(String recipient) {
        return await("an email to " + recipient).atMost(Duration.ofSeconds(60))
                .until(() -> ReceivedEmail.to(mail.greenMail(), recipient), found -> found.isPresent()).orElseThrow();
    }

    private static List<String> links(String text) {
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            links.add(matcher.group());
        }
        return links;
    }

    private static Path download(String link, String name) throws Exception {
        Path target = files.resolve(name);
        HttpResponse<Path> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofFile(target));
        assertThat(response.statusCode()).as("GET " + link).isEqualTo(200);
        return target;
    }

    private static FFprobeResult probe(Path file) {
        return FFprobe.atPath().setShowFormat(true).setShowStreams(true).setInput(file).execute();
    }

    private static List<String> codecs(FFprobeResult result) {
        return result.getStreams().stream().map(Stream::getCodecName).toList();
    }
}
