package io.transcoder.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 API server (s3proxy) in this JVM, keeping objects on the filesystem or in memory.
 *
 * <p>Like the MinIO of docker-compose.yml, it lets a page of any origin GET what a presigned URL opens: a player on
 * the API's page (or anyone's) fetches an HLS stream's segments straight from storage, by range, and reads their
 * lengths. Only GET and HEAD, and no credentials: a presigned URL is all the authority such a request has.
 */
public final class EmbeddedS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "transcoder";
    public static final String SECRET_KEY = "transcoder-secret";

    private static final CrossOriginResourceSharing CORS = new CrossOriginResourceSharing(
            List.of("*"),
            List.of("GET", "HEAD"),
            List.of("Range", "If-Range", "If-Match", "If-None-Match", "If-Modified-Since"),
            List.of("Content-Length", "Content-Range", "Accept-Ranges", "ETag"),
            "false");

    private final S3Proxy proxy;

    private EmbeddedS3(BlobStore store, int port) throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .corsRules(CORS)
                .build();
        proxy.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.onSpinWait();
        }
    }

    /** Keeps objects under {@code directory}, so they outlive the process. */
    public static EmbeddedS3 onFilesystem(Path directory, int port) throws Exception {
        Files.createDirectories(directory);
        return new EmbeddedS3(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()), port);
    }

    /** Keeps objects in memory; port 0 picks a free port. */
    public static EmbeddedS3 inMemory(int port) throws Exception {
        return new EmbeddedS3(new TransientNio2BlobStore(), port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
