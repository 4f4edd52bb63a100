package io.pushfleet.edge.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client that queues text messages and remembers the close code. */
public final class WsTestClient implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private WsTestClient(URI uri, String bearer) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        socket = b.buildAsync(uri, this).get(5, TimeUnit.SECONDS);
    }

    public static WsTestClient connect(int port) throws Exception {
        return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/ws"), null);
    }

    public static WsTestClient connectWithBearer(int port, String token) throws Exception {
        return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/ws"), token);
    }

    public void sendText(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    /** The next text message; fails after 5 s. */
    public String nextText() throws InterruptedException {
        String t = texts.poll(5, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("no text message within 5 s");
        }
        return t;
    }

    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            texts.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
