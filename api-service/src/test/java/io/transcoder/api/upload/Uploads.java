package io.transcoder.api.upload;

import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.MultipartBodyBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the upload tests build and check: forms, files of random bytes, and the sources left in storage. */
final class Uploads {

    private Uploads() {}

    /** A complete submission: an mp4 job for someone@example.com of the given file. */
    static MultipartBodyBuilder form(String fileName, byte[] content) {
        MultipartBodyBuilder form = fields("mp4", "someone@example.com");
        form.part("file", file(content, fileName));
        return form;
    }

    static MultipartBodyBuilder fields(String formats, String email) {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("formats", formats);
        form.part("email", email);
        return form;
    }

    static ByteArrayResource file(byte[] content, String name) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    /** Random bytes, the same for the same size. */
    static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static Set<String> storedSources(S3Client s3, String bucket) {
        return s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix("sources/")).contents().stream()
                .map(S3Object::key)
                .collect(Collectors.toSet());
    }
}
