package io.transcoder.uploader.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

@TranscoderTest
class SourceSweeperTests {

    @Autowired
    SourceSweeper sweeper;

    @Autowired
    JobStore jobs;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Test
    void removesTheSourcesOfJobsThatAreGoneAndKeepsThoseOfJobsThatExist() {
        String gone = UUID.randomUUID().toString();
        JobTicket kept = new JobTicket(UUID.randomUUID().toString(), "owner-a", "a@example.com", List.of("mp4"), "a.mov");
        jobs.create(kept);
        List<String> goneKeys = List.of(put("sources/" + gone + "/a.mov"), put("sources/" + gone + "/b.mov"));
        String keptKey = put("sources/" + kept.jobId() + "/a.mov");
        String output = put("outputs/" + gone + "/mp4/a.mp4");

        List<String> swept = sweeper.sweep(Instant.now().plusSeconds(5));

        assertThat(swept).containsAll(goneKeys).doesNotContain(keptKey, output);
        assertThat(keys("sources/" + gone + "/")).isEmpty();
        assertThat(keys("sources/" + kept.jobId() + "/")).containsExactly(keptKey);
        assertThat(keys("outputs/" + gone + "/")).containsExactly(output);
    }

    @Test
    void leavesAYoungSourceAloneWhoseJobMayNotBeRecordedYet() {
        String key = put("sources/" + UUID.randomUUID() + "/just-uploaded.mov");

        assertThat(sweeper.sweep(Instant.now().minusSeconds(3600))).doesNotContain(key);
        assertThat(keys(key)).containsExactly(key);
    }

    private String put(String key) {
        s3.putObject(request -> request.bucket(storage.bucket()).key(key), RequestBody.fromString("video"));
        return key;
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2(list -> list.bucket(storage.bucket()).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }
}
