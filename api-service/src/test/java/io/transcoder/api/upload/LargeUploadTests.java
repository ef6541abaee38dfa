package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.storage.StorageProperties;
import io.transcoder.test.TranscoderTest;
import java.net.SocketException;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.client.ResourceAccessException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
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
        byte[] video = bytes(11 * 1024 * 1024);

        ApiClient.Answer answer = new ApiClient(port, json).submit(form(video));

        assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
        String key = "sources/" + answer.body().get("id").asString() + "/big.mp4";
        assertThat(s3.getObjectAsBytes(get -> get.bucket(storage.bucket()).key(key)).asByteArray()).isEqualTo(video);
    }

    @Test
    void abortsTheMultipartUploadOfAVideoOverTheLimit() {
        Set<String> sourcesBefore = storedSources();
        // just over the limit: it strikes after two parts were stored. Tomcat closes the connection after a 413, so
        // a client still sending sees its write fail rather than the answer (curl shows the 413).
        try {
            ApiClient.Answer answer = new ApiClient(port, json).submit(form(bytes(12 * 1024 * 1024 + 10_000)));
            assertThat(answer.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        } catch (ResourceAccessException connectionClosedWhileSending) {
            assertThat(connectionClosedWhileSending).hasRootCauseInstanceOf(SocketException.class);
        }

        assertThat(storedSources()).isEqualTo(sourcesBefore);
        assertThat(s3.listMultipartUploads(list -> list.bucket(storage.bucket())).uploads())
                .as("no unfinished multipart upload may be left to occupy storage")
                .isEmpty();
    }

    private Set<String> storedSources() {
        return s3.listObjectsV2Paginator(list -> list.bucket(storage.bucket()).prefix("sources/")).contents().stream()
                .map(S3Object::key)
                .collect(Collectors.toSet());
    }

    private static MultipartBodyBuilder form(byte[] video) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("formats", "mp4");
        form.part("email", "someone@example.com");
        form.part("file", new ByteArrayResource(video) {
            @Override
            public String getFilename() {
                return "big.mp4";
            }
        });
        return form;
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
