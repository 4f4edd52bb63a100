package io.pushfleet.client;

import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.codec.JsonCodec;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A {@link Wire} over the JDK's WebSocket client (docs/protocol.md, section 1). Sends JSON text or binary
 * messages as the transport says; receives both kinds, since the edge answers in the encoding the client
 * authenticated with and a bearer-header client has not used one yet. The JDK allows one outstanding data
 * send, so sends are chained in call order.
 */
final class WebSocketWire implements Wire {

    /** RFC 6455 5.5: a close frame's payload is at most 125 bytes, 2 of them the code. */
    static final int MAX_CLOSE_REASON_BYTES = 123;

    private final EdgeAddress edge;
    private final ConnectOptions options;
    private final String bearerToken;
    private final HttpClient http;
    private final WireEvents events;
    private final JsonCodec json;
    private final BinaryCodec binary;
    private final int maxFrameBytes;
    private final ReentrantLock sendLock = new ReentrantLock();
    /** The last data send handed out; the next one starts after it. Guarded by {@link #sendLock}. */
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    private volatile boolean aborted;

    /** {@code bearerToken} is null unless the token goes on the upgrade request. */
    WebSocketWire(EdgeAddress edge, ConnectOptions options, String bearerToken, HttpClient http, WireEvents events) {
        this.edge = requireNonNull(edge, "edge");
        this.options = requireNonNull(options, "options");
        this.bearerToken = bearerToken;
        this.http = requireNonNull(http, "http");
        this.events = requireNonNull(events, "events");
        this.json = new JsonCodec(options.limits());
        this.binary = new BinaryCodec(options.limits());
        this.maxFrameBytes = options.limits().maxFrameBytes();
    }

    @Override
    public CompletableFuture<Void> connect() {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(options.connectTimeout());
        if (bearerToken != null) {
            // PROTOCOL 3.1: the token on the upgrade instead of an auth frame; never in the query string.
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return builder.buildAsync(edge.wsUrl(), new Receiver()).thenAccept(ws -> socket = ws);
    }

    @Override
    public CompletableFuture<Void> send(Frame frame) {
        try {
            if (options.transport() == Transport.WEBSOCKET_BINARY) {
                ByteBuffer bytes = ByteBuffer.wrap(binary.encode(frame));
                return enqueue(ws -> ws.sendBinary(bytes, true));
            }
            String text = new String(json.encode(frame), StandardCharsets.UTF_8);
            return enqueue(ws -> ws.sendText(text, true));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> sendRaw(byte[] bytes) {
        return enqueue(ws -> ws.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    @Override
    public CompletableFuture<Void> sendRaw(String text) {
        return enqueue(ws -> ws.sendText(text, true));
    }

    private CompletableFuture<Void> enqueue(Function<WebSocket, CompletableFuture<WebSocket>> write) {
        WebSocket ws = socket;
        if (ws == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("websocket: not open"));
        }
        sendLock.lock();
        try {
            CompletableFuture<Void> next = lastSend.handle((r, e) -> ws)
                    .thenCompose(write)
                    .thenApply(r -> null);
            next.whenComplete((r, e) -> {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof IOException io) {
                    // A write that fails at the socket means the connection is gone, reported or not.
                    events.onDropped("write failed: " + io, io);
                }
            });
            lastSend = next;
            return next;
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public void close(int code, String reason) {
        WebSocket ws = socket;
        if (ws == null) {
            abort(); // still handshaking: nothing to close gracefully
            return;
        }
        // Not chained behind data sends: the JDK takes a close while a data send is outstanding.
        ws.sendClose(code, truncate(reason)).exceptionally(e -> {
            ws.abort();
            return null;
        });
    }

    @Override
    public void abort() {
        aborted = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    static String truncate(String reason) {
        String r = reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    /** Reassembles partial messages up to the frame limit and decodes each whole one. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        /** Set after a violation: the rest of the input is discarded. */
        private boolean corrupt;

        @Override
        public void onOpen(WebSocket ws) {
            socket = ws;
            if (aborted) {
                ws.abort();
                return;
            }
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!corrupt) {
                text.append(data);
                // Every character is at least one UTF-8 byte, so this bounds memory before the exact check.
                if (text.length() > maxFrameBytes) {
                    tooLarge(text.length());
                } else if (last) {
                    byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
                    text.setLength(0);
                    decode(json, ByteBuffer.wrap(utf8));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (!corrupt) {
                byte[] part = new byte[data.remaining()];
                data.get(part);
                bytes.writeBytes(part);
                if (bytes.size() > maxFrameBytes) {
                    tooLarge(bytes.size());
                } else if (last) {
                    byte[] whole = bytes.toByteArray();
                    bytes.reset();
                    decode(binary, ByteBuffer.wrap(whole));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.onCloseFrame(statusCode, reason);
            return null; // the JDK then answers the close and ends the connection
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            events.onDropped("websocket failed: " + error, error);
        }

        private void tooLarge(int atLeast) {
            fail(new ProtocolException(CloseCode.FRAME_TOO_LARGE,
                    "frame: at least " + atLeast + " bytes (expected: <= " + maxFrameBytes + ")"));
        }

        private void decode(FrameCodec codec, ByteBuffer frame) {
            Frame decoded;
            try {
                decoded = codec.decode(frame);
            } catch (ProtocolException e) {
                fail(e);
                return;
            }
            events.onFrame(decoded);
        }

        private void fail(ProtocolException e) {
            corrupt = true;
            text.setLength(0);
            bytes.reset();
            events.onViolation(e);
        }
    }
}
