package io.transcoder.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * What a test makes of storage for a client: unreachable (every request goes to a port nobody listens on, a real
 * refused connection) for every request or for downloads only, and something to do the moment a download's answer
 * arrives, before its bytes are read. Register it with the client under test (e.g. its S3 client bean replaced with
 * one built with this interceptor).
 */
public final class StorageFaults implements ExecutionInterceptor {

    public enum Outage { NONE, DOWNLOADS, EVERYTHING }

    private final int closedPort = closedPort();
    private volatile Outage outage = Outage.NONE;
    private volatile Runnable onDownload = () -> {};

    public void outage(Outage outage) {
        this.outage = outage;
    }

    public void onDownload(Runnable action) {
        this.onDownload = action;
    }

    public void reset() {
        outage = Outage.NONE;
        onDownload = () -> {};
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        boolean download = context.request() instanceof GetObjectRequest;
        boolean down = outage == Outage.EVERYTHING || outage == Outage.DOWNLOADS && download;
        return down ? context.httpRequest().toBuilder().port(closedPort).build() : context.httpRequest();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetObjectRequest) {
            onDownload.run();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
