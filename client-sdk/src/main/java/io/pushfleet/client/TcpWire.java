package io.pushfleet.client;

import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * A {@link Wire} over a plain socket (docs/protocol.md, section 1): every frame is the binary codec behind a
 * 4-byte big-endian length. One virtual thread connects and then reads; writers take a lock and write in
 * the calling thread. TCP has no close frame: {@link #close} shuts the socket's output (the edge sees the end of
 * the stream and closes) and keeps reading until the edge's end, so a push the edge wrote before it saw ours still
 * reaches the listener instead of being thrown away with the socket; the edge says why it closes with an
 * {@code error} frame first, which the connection above turns into the close reason.
 */
final class TcpWire implements Wire {

    private final EdgeAddress edge;
    private final ConnectOptions options;
    private final WireEvents events;
    private final BinaryCodec codec;
    private final int maxFrameBytes;
    private final Socket socket = new Socket();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile OutputStream out;
    private volatile boolean closing;

    TcpWire(EdgeAddress edge, ConnectOptions options, WireEvents events) {
        this.edge = requireNonNull(edge, "edge");
        this.options = requireNonNull(options, "options");
        this.events = requireNonNull(events, "events");
        this.codec = new BinaryCodec(options.limits());
        this.maxFrameBytes = options.limits().maxFrameBytes();
    }

    @Override
    public CompletableFuture<Void> connect() {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        Thread.ofVirtual().name("pushfleet-tcp-" + edge.nodeId()).start(() -> {
            DataInputStream in;
            try {
                socket.setTcpNoDelay(true); // small frames; a ping must not wait for Nagle
                socket.connect(new InetSocketAddress(edge.tcpHost(), edge.tcpPort()),
                        Math.toIntExact(Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis())));
                out = new BufferedOutputStream(socket.getOutputStream());
                in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            } catch (IOException e) {
                closeSocket();
                connected.completeExceptionally(e);
                return;
            }
            connected.complete(null);
            read(in);
        });
        return connected;
    }

    private void read(DataInputStream in) {
        try {
            while (true) {
                int length = in.readInt();
                // A negative int is an unsigned length above 2 GiB: too large as well.
                if (length < 0 || length > maxFrameBytes) {
                    events.onViolation(new ProtocolException(CloseCode.FRAME_TOO_LARGE, "length prefix: "
                            + Integer.toUnsignedString(length) + " (expected: <= " + maxFrameBytes + ")"));
                    return;
                }
                byte[] frame = new byte[length];
                in.readFully(frame);
                Frame decoded;
                try {
                    decoded = codec.decode(ByteBuffer.wrap(frame));
                } catch (ProtocolException e) {
                    events.onViolation(e);
                    return;
                }
                events.onFrame(decoded);
            }
        } catch (EOFException e) {
            events.onDropped("edge closed the connection", null);
        } catch (IOException e) {
            events.onDropped(closing ? "connection closed" : "read failed: " + e, closing ? null : e);
        } finally {
            closeSocket();
        }
    }

    @Override
    public CompletableFuture<Void> send(Frame frame) {
        byte[] body;
        try {
            body = codec.encode(frame);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        byte[] framed = new byte[BinaryCodec.LENGTH_PREFIX_BYTES + body.length];
        ByteBuffer.wrap(framed).putInt(body.length).put(body);
        return write(framed);
    }

    @Override
    public CompletableFuture<Void> sendRaw(byte[] bytes) {
        return write(bytes);
    }

    @Override
    public CompletableFuture<Void> sendRaw(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    private CompletableFuture<Void> write(byte[] bytes) {
        OutputStream o = out;
        if (o == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("tcp: not connected"));
        }
        writeLock.lock();
        try {
            if (closing) {
                // Our side is shut: a write would fail, and must not end the reading that is still going on.
                return CompletableFuture.failedFuture(new IllegalStateException("tcp: closing"));
            }
            o.write(bytes);
            o.flush();
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            if (!closing) { // while closing, the reader reports the end
                events.onDropped("write failed: " + e, e);
            }
            return CompletableFuture.failedFuture(e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close(int code, String reason) {
        closing = true;
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            closeSocket(); // already broken: the reader ends and reports it
        }
    }

    @Override
    public void abort() {
        closing = true;
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket that is already broken: nothing more to release.
        }
    }
}
