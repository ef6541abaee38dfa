package io.transcoder.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.transcoder.jobs.JobState;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobRecord;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.JobFailed;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.messages.UploadCompleted;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.messaging.Subscription;
import io.transcoder.messaging.Topology;
import io.transcoder.storage.LinkProperties;
import io.transcoder.storage.ManifestLinks;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import io.transcoder.test.ReceivedEmail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

// each test's jobs belong to an owner of its own, so the small email limit only bites where a test means it to
// a short claim and short delays, so that a message put back while another notifier sends comes back within seconds
@TranscoderTest(properties = {"notifier.from=notifier@transcoder.test", "notifier.max-emails-per-hour=2",
    "notifier.claim-hold=2s", "transcoder.retry.delays=1s,2s"})
class NotificationListenerTests {

    @RegisterExtension
    static GreenMailExtension greenMail =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final String PLAYLIST = "application/vnd.apple.mpegurl";
    private static final String SEGMENT = "video/iso.segment";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> keys = new ArrayList<>();
    private final List<String> jobIds = new ArrayList<>();

    @Autowired
    EventPublisher publisher;

    @Autowired
    JobStore jobs;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    Topology topology;

    @Autowired
    LinkProperties links;

    @Autowired
    ManifestLinks manifests;

    @Autowired
    Notifier notifier;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> greenMail.getSmtp().getBindTo());
        registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
    }

    // each test waits until the notifier is done with its jobs, so their keys and objects can go at once
    @AfterEach
    void deleteJobsAndObjects() {
        jobIds.forEach(id -> redis.delete(jobs.key(id)));
        keys.forEach(key -> s3.deleteObject(request -> request.bucket(storage.bucket()).key(key)));
    }

    @Test
    void emailsTheOwnerALinkToEachOutput() throws Exception {
        JobTicket job = createdJob(newOwner(), "Holiday <2026>.mov");
        StoredRendition mp4 = stored(job, "mp4", "holiday.mp4", "the mp4 rendition");
        StoredRendition webm = stored(job, "webm", "holiday.webm", "the webm rendition");

        publisher.publish(new UploadCompleted(job, List.of(mp4, webm), List.of()));

        ReceivedEmail email = ReceivedEmail.of(awaitOneEmailTo(job.email()));
        assertThat(email.to()).containsExactly(job.email());
        assertThat(email.from()).isEqualTo("notifier@transcoder.test");
        assertThat(email.subject()).isEqualTo("Your video is ready");
        assertThat(email.text().lines()).contains("Uploaded file: «Holiday <2026>.mov»");
        assertThat(email.text()).contains("mp4 (17 bytes, holiday.mp4)", "webm (18 bytes, holiday.webm)", "The links work until");
        assertThat(email.html()).contains("«<bdi>Holiday &lt;2026&gt;.mov</bdi>»", ">holiday.mp4</a>", ">holiday.webm</a>");
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(lineAfter(email.text().lines().toList(), "mp4 (17 bytes, holiday.mp4)"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).asString(StandardCharsets.UTF_8).isEqualTo("the mp4 rendition");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"holiday.mp4\"");
        awaitNotificationSent(job);
    }

    @Test
    void emailsASignedPlaylistLinkForAStreamAndALinkForEachPictureButNoSegment() throws Exception {
        JobTicket job = createdJob(newOwner(), "Holiday.mov");
        StoredRendition hls = new StoredRendition("hls", RenditionKind.STREAM, prefix(job, "hls"), "master.m3u8", List.of(
                put(job, "hls", "master.m3u8", "#EXTM3U master", PLAYLIST),
                put(job, "hls", "720p/index.m3u8", "#EXTM3U 720p", PLAYLIST),
                put(job, "hls", "720p/init.mp4", "init", "video/mp4"),
                put(job, "hls", "720p/seg_000.m4s", "segment of 720p", SEGMENT),
                put(job, "hls", "480p/index.m3u8", "#EXTM3U 480p", PLAYLIST),
                put(job, "hls", "480p/seg_000.m4s", "segment of 480p", SEGMENT)));
        StoredRendition thumbnail = new StoredRendition("thumbnail", RenditionKind.IMAGE, prefix(job, "thumbnail"),
                "poster.jpg", List.of(put(job, "thumbnail", "poster.jpg", "the poster", "image/jpeg")));
        StoredRendition storyboard = new StoredRendition("storyboard", RenditionKind.IMAGE, prefix(job, "storyboard"),
                "storyboard.vtt", List.of(put(job, "storyboard", "sprite.jpg", "the sprite sheet", "image/jpeg"),
                        put(job, "storyboard", "storyboard.vtt", "WEBVTT", "text/vtt")));

        publisher.publish(new UploadCompleted(job, List.of(hls, thumbnail, storyboard), List.of()));

        ReceivedEmail email = ReceivedEmail.of(awaitOneEmailTo(job.email()));
        List<String> lines = email.text().lines().toList();
        String api = links.publicUrl().toString().replaceAll("/+$", "") + "/api/jobs/" + job.jobId() + "/outputs/";
        String master = lineAfter(lines, "hls (" + hls.size() + " bytes, master.m3u8, for a video player: open the link in "
                + "one, or watch it on the page)");
        assertThat(master).startsWith(api + "hls/master.m3u8?expires=");
        assertThat(signed(master, job, "hls", "master.m3u8")).as("signed for the master playlist").isTrue();
        String cues = lineAfter(lines, "storyboard (22 bytes, storyboard.vtt)");
        assertThat(signed(cues, job, "storyboard", "storyboard.vtt")).as("signed for the cues").isTrue();
        assertThat(download(lineAfter(lines, "thumbnail (10 bytes, poster.jpg)")).body()).isEqualTo("the poster");
        HttpResponse<String> sprite = download(lineAfter(lines, "sprite.jpg (16 bytes)"));
        assertThat(sprite.statusCode()).isEqualTo(200);
        assertThat(sprite.body()).isEqualTo("the sprite sheet");
        assertThat(sprite.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"sprite.jpg\"");
        // the job's page, then the master playlist, the poster, the cues and the sprite: no segment, no rung
        assertThat(URL.matcher(email.text()).results()).hasSize(5);
        assertThat(lines).contains(links.publicUrl().toString().replaceAll("/+$", "") + "/?job=" + job.jobId());
        assertThat(email.html()).contains(">master.m3u8</a>", ">poster.jpg</a>", ">storyboard.vtt</a>", ">sprite.jpg</a>");
        for (String part : List.of(email.text(), email.html())) {
            assertThat(part).doesNotContain("seg_000", "index.m3u8", "init.mp4");
        }
        awaitNotificationSent(job);
    }

    @Test
    void emailsOnlyOnceWhenTheSameMessageArrivesTwice() {
        String owner = newOwner();
        JobTicket job = createdJob(owner, "clip.mov");
        UploadCompleted completed = new UploadCompleted(job, List.of(stored(job, "mp4", "clip.mp4", "bytes")), List.of());
        JobTicket later = createdJob(owner, "later.mov");

        publisher.publish(completed);
        publisher.publish(completed);
        // one consumer takes the queue in order: once this email is out, both copies before it have been handled
        publisher.publish(new UploadCompleted(later, List.of(stored(later, "mp4", "later.mp4", "bytes")), List.of()));

        awaitOneEmailTo(later.email());
        assertThat(emailsTo(job.email())).hasSize(1);
        awaitNotificationSent(job);
        awaitNotificationSent(later);
    }

    @Test
    void sendsOneEmailWhenFourNotifiersAreHandedTheSameJobAtOnce() throws Exception {
        JobTicket job = createdJob(newOwner(), "clip.mov");
        UploadCompleted completed = new UploadCompleted(job, List.of(stored(job, "mp4", "clip.mp4", "bytes")), List.of());
        // the job is kept: the messages put back while one notifier sent must find it notified when they come back
        jobIds.remove(job.jobId());
        CyclicBarrier together = new CyclicBarrier(4);
        ExecutorService notifiers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(notifiers.submit(() -> {
                    together.await();
                    notifier.uploadCompleted(completed);
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            notifiers.shutdownNow();
        }

        awaitNotificationSent(job);
        // long enough for every message put back (after the 2 s claim) to have come back and been dropped
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> emailsTo(job.email()).size() == 1);
        assertThat(jobs.find(job.jobId())).map(JobRecord::notification).hasValue("SENT");
    }

    @Test
    void emailsTheFormatsThatFailedWithTheRenditions() throws Exception {
        JobTicket job = createdJob(newOwner(), "Holiday.mov");
        StoredRendition mp4 = stored(job, "mp4", "holiday.mp4", "the mp4 rendition");
        FormatFailure webm = new FormatFailure("webm", FailureCode.ENCODER_TIMEOUT, "The WebM version took too long.");

        publisher.publish(new UploadCompleted(job, List.of(mp4), List.of(webm)));

        ReceivedEmail email = ReceivedEmail.of(awaitOneEmailTo(job.email()));
        assertThat(email.subject()).isEqualTo("Your video is ready in some formats");
        assertThat(email.text()).contains("mp4 (17 bytes, holiday.mp4)",
                "webm: The WebM version took too long. (ENCODER_TIMEOUT)",
                "POST /api/jobs/" + job.jobId() + "/retry");
        assertThat(download(lineAfter(email.text().lines().toList(), "mp4 (17 bytes, holiday.mp4)")).body()).isEqualTo("the mp4 rendition");
        awaitNotificationSent(job);
    }

    @Test
    void emailsTheReasonWhenTheJobFailed() throws Exception {
        JobTicket job = createdJob(newOwner(), "cat.gif");

        publisher.publish(new JobFailed(job, JobState.DOWNLOADING, FailureCode.INPUT_NOT_VIDEO, "The upload is not a video."));

        ReceivedEmail email = ReceivedEmail.of(awaitOneEmailTo(job.email()));
        assertThat(email.to()).containsExactly(job.email());
        assertThat(email.subject()).isEqualTo("Your video could not be transcoded");
        assertThat(email.text().lines()).contains("Uploaded file: «cat.gif»");
        assertThat(email.text()).contains("Reason: The upload is not a video. (INPUT_NOT_VIDEO)", "Stage: downloading");
        assertThat(email.html()).contains("The upload is not a video.", "INPUT_NOT_VIDEO");
        awaitNotificationSent(job);
    }

    @Test
    void suppressesAnOwnersEmailsOverTheHourlyLimitAndLeavesOtherOwnersAlone() {
        String busy = newOwner();
        List<JobTicket> busyJobs = List.of(createdJob(busy, "one.mov"), createdJob(busy, "two.mov"), createdJob(busy, "three.mov"));
        JobTicket otherOwners = createdJob(newOwner(), "other.mov");

        busyJobs.forEach(job -> publisher.publish(new JobFailed(job, JobState.ENCODING, FailureCode.INPUT_NOT_VIDEO, "Not a video.")));
        // one consumer takes the queue in order: once this email is out, the three before it have been handled
        publisher.publish(new JobFailed(otherOwners, JobState.ENCODING, FailureCode.INPUT_NOT_VIDEO, "Not a video."));

        awaitOneEmailTo(otherOwners.email());
        awaitNotificationSent(otherOwners);
        awaitNotificationSent(busyJobs.get(0));
        awaitNotificationSent(busyJobs.get(1));
        assertThat(jobs.find(busyJobs.get(2).jobId())).map(JobRecord::notification).hasValue("SUPPRESSED");
        assertThat(busyJobs).extracting(job -> emailsTo(job.email()).size()).containsExactly(1, 1, 0);
        // taken and acknowledged: not waiting for another attempt, not parked
        assertThat(rabbit.receive(topology.parkedQueue(Subscription.NOTIFIER_JOB_FAILED), 200)).isNull();
    }

    private RenditionFile put(JobTicket job, String format, String path, String content, String mediaType) {
        String key = prefix(job, format) + path;
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        s3.putObject(request -> request.bucket(storage.bucket()).key(key).contentType(mediaType), RequestBody.fromBytes(bytes));
        keys.add(key);
        return new RenditionFile(path, bytes.length, mediaType);
    }

    private static String prefix(JobTicket job, String format) {
        return "outputs/" + job.jobId() + "/" + format + "/";
    }

    /** The link on the line after {@code heading}, where the email puts it. */
    private static String lineAfter(List<String> lines, String heading) {
        assertThat(lines).as("the email's lines").contains(heading);
        return lines.get(lines.indexOf(heading) + 1);
    }

    private boolean signed(String link, JobTicket job, String format, String path) {
        Matcher query = Pattern.compile("\\?expires=(\\d+)&signature=([A-Za-z0-9_-]+)$").matcher(link);
        assertThat(query.find()).as("a signed query in %s", link).isTrue();
        return manifests.verify(job.jobId(), format, path, Long.parseLong(query.group(1)), query.group(2));
    }

    private HttpResponse<String> download(String link) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String newOwner() {
        return "owner-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JobTicket createdJob(String owner, String sourceName) {
        String id = UUID.randomUUID().toString();
        JobTicket job = new JobTicket(id, owner, "owner-" + id + "@example.com", List.of("mp4", "webm"), sourceName);
        jobs.create(job);
        jobIds.add(id);
        return job;
    }

    private StoredRendition stored(JobTicket job, String format, String fileName, String content) {
        String key = "outputs/" + job.jobId() + "/" + format + "/" + fileName;
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        s3.putObject(request -> request.bucket(storage.bucket()).key(key), RequestBody.fromBytes(bytes));
        keys.add(key);
        return new StoredRendition(format, RenditionKind.VIDEO, "outputs/" + job.jobId() + "/" + format + "/", fileName,
                List.of(new RenditionFile(fileName, bytes.length, "video/" + format)));
    }

    /** The notifier records the notification just after the mail server took the email. */
    private void awaitNotificationSent(JobTicket job) {
        await().untilAsserted(() -> assertThat(jobs.find(job.jobId())).map(JobRecord::notification).hasValue("SENT"));
    }

    private static MimeMessage awaitOneEmailTo(String address) {
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(address).size() == 1);
        return emailsTo(address).get(0);
    }

    private static List<MimeMessage> emailsTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages())
                .filter(message -> recipients(message).contains(address))
                .toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .map(address -> ((InternetAddress) address).getAddress())
                    .toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstUrl(String text) {
        Matcher matcher = URL.matcher(text);
        assertThat(matcher.find()).as("a link in %s", text).isTrue();
        return matcher.group();
    }
}
