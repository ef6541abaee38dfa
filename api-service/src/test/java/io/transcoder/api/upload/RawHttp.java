package io.transcoder.api.upload;

import io.transcoder.api.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A client that writes a multipart body exactly as a test wants it (as many parts, as slowly) and reads the answer
 * even when the server answers before the body is complete and closes the connection, as it does when it refuses.
 */
final class RawHttp {

    static final String BOUNDARY = "b0undary";

    /** Writes a body to the api; not done writing when the server closed the connection, which is fine. */
    interface Body {
        void writeTo(OutputStream out) throws IOException, InterruptedException;
    }

    private RawHttp() {}

    static Answer post(int port, long contentLength, Body body) throws Exception {
        return post(port, contentLength, "", body);
    }

    /** @param headers further header lines, each ending in CRLF */
    static Answer post(int port, long contentLength, String headers, Body body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestKeys.ALICE
                    + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: "
                    + contentLength + "\r\n" + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    body.writeTo(out);
                    out.flush();
                } catch (IOException | InterruptedException closedByTheServer) {
                    // the server answered and closed the connection before the body was complete
                }
            });
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            writing.cancel(true);
            return Answer.of(answer);
        }
    }

    static byte[] field(String name, String value) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] fileHeader(String fileName) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] end() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Everything the server sent until it closed the connection (or reset it after answering). */
    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, read);
            }
        } catch (IOException resetAfterTheAnswer) {
            // what arrived before the reset is the answer
        }
        return received.toByteArray();
    }

    record Answer(int status, String headers, String body) {

        static Answer of(String raw) {
            int split = raw.indexOf("\r\n\r\n");
            if (split < 0) {
                throw new AssertionError("No HTTP answer: " + raw);
            }
            String head = raw.substring(0, split);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, raw.substring(split + 4));
        }
    }
}
