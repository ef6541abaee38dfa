package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.MultipartBodyBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile multipart bodies: more parts or more text than any real upload has, and uploads that crawl. The test JVM's
 * heap is capped (surefire's argLine), so a server that collected what it is sent would run out of it.
 */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "api.min-upload-rate=16KB", "api.min-upload-rate-window=1s", "transcoder.storage.part-size=5MB"})
class UploadLimitsTests {

    private static final int HOSTILE_PARTS = 100_000;

    @LocalServerPort
    int port;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    JsonMapper json;

    @Test
    void refusesAHundredThousandPartsWithoutHoldingThemAndGoesOnServing() throws Exception {
        byte[] part = RawHttp.field("formats", "mp4");
        long before = retainedHeap();

        RawHttp.Answer answer = RawHttp.post(port, (long) part.length * HOSTILE_PARTS, out -> {
            for (int i = 0; i < HOSTILE_PARTS; i++) {
                out.write(part);
            }
        });

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"type\":\"/problems/too-many-parts\"", "\"maxParts\":32");
        // 10,000 collected parts held 54 MB before the limit; refused at the 33rd, the heap that outlives young
        // collections must barely move
        assertThat(retainedHeap() - before).as("old-generation growth in bytes").isLessThan(16L * 1024 * 1024);
        assertThat(new ApiClient(port, json).submit(Uploads.form("clip.mp4", new byte[1000])).status())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void refusesTextPartsThatTogetherOutgrowTheLimit() throws Exception {
        MultipartBodyBuilder form = Uploads.form("clip.mp4", new byte[1000]);
        for (int i = 0; i < 20; i++) {
            form.part("note" + i, "x".repeat(4000)); // each within the 4 KiB of one field, 80 KB together
        }

        ApiClient.Answer answer = new ApiClient(port, json).submit(form);

        assertThat(answer.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.body().get("type").asString()).isEqualTo("/problems/fields-too-large");
    }

    @Test
    void cutsOffAnUploadThatCrawlsAndKeepsNothing() throws Exception {
        Set<String> before = Uploads.storedSources(s3, storage.bucket());
        byte[] fast = new byte[6 * 1024 * 1024]; // more than a part: a multipart upload to storage has begun
        byte[] head = concat(RawHttp.field("formats", "mp4"), RawHttp.field("email", "a@example.com"),
                RawHttp.fileHeader("slow.mp4"));

        RawHttp.Answer answer = RawHttp.post(port, head.length + fast.length + 1_000_000L, out -> {
            out.write(head);
            out.write(fast);
            for (int i = 0; i < 1000; i++) { // 1 KB every 100 ms, 10 KB/s: below the 16 KB/s allowed
                out.write(new byte[1000]);
                out.flush();
                Thread.sleep(100); // the pace of a slow client, not a wait for a result
            }
        });

        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.body()).contains("\"type\":\"/problems/upload-too-slow\"");
        assertThat(Uploads.storedSources(s3, storage.bucket())).isEqualTo(before);
        assertThat(s3.listMultipartUploads(list -> list.bucket(storage.bucket())).uploads())
                .as("no unfinished multipart upload may be left to occupy storage")
                .isEmpty();
    }

    /** The heap that survived young collections (old generation and survivors), after a full collection. */
    private static long retainedHeap() {
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        return pools.stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && !pool.getName().contains("Eden"))
                .mapToLong(pool -> pool.getUsage().getUsed())
                .sum();
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
