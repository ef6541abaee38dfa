package io.transcoder.notifier.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 that receives webhooks: each path answers with the statuses it is given, one per
 * request (the last repeated), and keeps every request it received, headers and raw body.
 */
final class WebhookReceiver implements AutoCloseable {

    /** A request as it arrived. */
    record Received(String path, String method, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** An answer: a status, maybe a Location, maybe held until the test lets it go. */
    record Reply(int status, String location, CountDownLatch hold) {

        static Reply status(int status) {
            return new Reply(status, null, null);
        }

        static Reply redirect(String location) {
            return new Reply(302, location, null);
        }

        static Reply heldUntil(CountDownLatch release) {
            return new Reply(204, null, release);
        }
    }

    private final HttpServer server;
    private final Map<String, Queue<Reply>> replies = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** A URL of its own on this receiver, answering with {@code replies} in turn, the last repeated. */
    URI path(String path, Reply... answers) {
        replies.put(path, new ConcurrentLinkedQueue<>(List.of(answers)));
        received.put(path, new CopyOnWriteArrayList<>());
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Received> received(String path) {
        return received.getOrDefault(path, List.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                .add(new Received(path, exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()), body));
        Queue<Reply> queue = replies.get(path);
        Reply reply = queue == null ? Reply.status(404) : queue.size() > 1 ? queue.poll() : queue.peek();
        if (reply.hold() != null) {
            try {
                reply.hold().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reply.location() != null) {
            exchange.getResponseHeaders().add("Location", reply.location());
        }
        byte[] text = reply.status() >= 400 ? ("error " + reply.status() + "\n\tfrom the receiver").getBytes() : new byte[0];
        exchange.sendResponseHeaders(reply.status(), text.length == 0 ? -1 : text.length);
        if (text.length > 0) {
            exchange.getResponseBody().write(text);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
