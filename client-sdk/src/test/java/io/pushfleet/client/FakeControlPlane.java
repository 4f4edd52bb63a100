package io.pushfleet.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control plane's auth API as canned answers on an ephemeral loopback port: each path answers with
 * the status and body it was given, and every request is recorded.
 */
final class FakeControlPlane implements AutoCloseable {

    record Request(String method, String path, String contentType, String authorization, String body) {
    }

    private record Answer(int status, String contentType, String body) {
    }

    private static final Answer HANG = new Answer(0, "", "");

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;

    FakeControlPlane() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeControlPlane answer(String path, int status, String json) {
        answers.put(path, new Answer(status, "application/json", json));
        return this;
    }

    FakeControlPlane answerHtml(String path, int status, String html) {
        answers.put(path, new Answer(status, "text/html", html));
        return this;
    }

    /** Requests to {@code path} get no answer until this fake is closed. */
    FakeControlPlane hang(String path) {
        answers.put(path, HANG);
        return this;
    }

    /** Every answer waits {@code delay} first, so that requests overlap. */
    FakeControlPlane delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The most requests that were being handled at once. */
    int mostInFlight() {
        return mostInFlight.get();
    }

    Request nextRequest() throws InterruptedException {
        Request r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request within 5s");
        }
        return r;
    }

    private void handle(HttpExchange exchange) throws IOException {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            Answer answer = answers.getOrDefault(path, new Answer(404, "application/json",
                    "{\"code\":\"not_found\",\"message\":\"no route\",\"traceId\":\"t-404\"}"));
            if (answer == HANG) {
                released.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            released.await(delay.toMillis(), TimeUnit.MILLISECONDS);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
