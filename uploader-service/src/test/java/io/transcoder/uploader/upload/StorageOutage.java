package io.transcoder.uploader.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Makes storage unreachable for a client while it lasts: every request goes to a port nobody listens on, so the SDK
 * meets a real refused connection, exactly as with storage down.
 */
final class StorageOutage implements ExecutionInterceptor {

    private final int closedPort = closedPort();
    private volatile boolean down;

    void begin() {
        down = true;
    }

    void end() {
        down = false;
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return down ? context.httpRequest().toBuilder().port(closedPort).build() : context.httpRequest();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
