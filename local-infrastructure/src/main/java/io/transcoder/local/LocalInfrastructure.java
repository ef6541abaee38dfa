package io.transcoder.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded S3 and mail servers until the process is stopped, for running transcoder without Docker.
 * Settings come from environment variables: {@code S3_PORT} (9000), {@code S3_DIR} (run/s3), {@code SMTP_PORT}
 * (3025), {@code IMAP_PORT} (3143).
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {}

    public static void main(String[] args) throws Exception {
        // s3proxy brings Logback without a configuration, which logs every request at DEBUG and slows it down
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int s3Port = Integer.parseInt(env("S3_PORT", "9000"));
        Path s3Dir = Path.of(env("S3_DIR", "run/s3"));
        try (EmbeddedS3 s3 = EmbeddedS3.onFilesystem(s3Dir, s3Port);
                EmbeddedMail mail = new EmbeddedMail(
                        Integer.parseInt(env("SMTP_PORT", "3025")), Integer.parseInt(env("IMAP_PORT", "3143")))) {
            System.out.printf("S3 API at %s (access key %s, secret key %s), objects in %s%n",
                    s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, s3Dir.toAbsolutePath());
            System.out.printf("SMTP on 127.0.0.1:%d, IMAP on 127.0.0.1:%d (user: the recipient's address, any password)%n",
                    mail.smtpPort(), mail.imapPort());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
