package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/** Uploads larger than one part, which go to storage as multipart uploads. */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"api.max-upload-size=12MB", "transcoder.storage.part-size=5MB"})
class LargeUploadTests {

    @LocalServerPort
    int port;

    @Autowired
    S3Client s3;

    @Autowired
    StorageProperties storage;

    @Autowired
    JsonMapper json;

    @Test
    void storesAVideoOfSeveralPartsWhole() {
        byte[] video = Uploads.bytes(11 * 1024 * 1024);

        ApiClient.Answer answer = new ApiClient(port, json).submit(Uploads.form("big.mp4", video));

        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        String key = "sources/" + answer.body().get("id").asString() + "/big.mp4";
        assertThat(s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(key)).asByteArray()).isEqualTo(video);
    }

    @Test
    void abortsTheMultipartUploadOfAVideoOverTheLimit() {
        Set<String> sourcesBefore = Uploads.storedSources(s3, storage.bucket());
        // just over the limit: it strikes after two parts were stored. Tomcat closes the connection after a 413, so
        // a client still sending sees its write fail rather than the answer (curl shows the 413).
        try {
            ApiClient.Answer answer = new ApiClient(port, json).submit(Uploads.form("big.mp4", Uploads.bytes(12 * 1024 * 1024 + 10_000)));
            assertThat(answer.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        } catch (ResourceAccessException connectionClosedWhileSending) {
            assertThat(connectionClosedWhileSending).hasRootCauseInstanceOf(IOException.class);
        }

        assertThat(Uploads.storedSources(s3, storage.bucket())).isEqualTo(sourcesBefore);
        assertThat(s3.listMultipartUploads(list -> list.bucket(storage.bucket())).uploads())
                .as("no unfinished multipart upload may be left to occupy storage")
                .isEmpty();
    }
}
