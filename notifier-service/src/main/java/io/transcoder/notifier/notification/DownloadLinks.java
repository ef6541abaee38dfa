package io.transcoder.notifier.notification;

import io.transcoder.messages.StoredOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.ContentDisposition;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Presigned GET links to outputs in the bucket. A link can only read its one object, and tells the browser to save it
 * under the output's file name.
 */
class DownloadLinks {

    private final S3Presigner presigner;
    private final String bucket;
    private final Duration ttl;

    DownloadLinks(S3Presigner presigner, String bucket, Duration ttl) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.ttl = ttl;
    }

    DownloadLink linkTo(StoredOutput output) {
        PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
                .signatureDuration(ttl)
                .getObjectRequest(get -> get
                        .bucket(bucket)
                        .key(output.key())
                        .responseContentDisposition(attachment(output.fileName()))));
        return new DownloadLink(output, presigned.url().toString(), presigned.expiration());
    }

    private static String attachment(String fileName) {
        ContentDisposition.Builder disposition = ContentDisposition.attachment();
        // a header carries only ASCII; other names go as RFC 5987 filename*, which browsers prefer
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(fileName);
        return (ascii ? disposition.filename(fileName) : disposition.filename(fileName, StandardCharsets.UTF_8))
                .build()
                .toString();
    }
}
