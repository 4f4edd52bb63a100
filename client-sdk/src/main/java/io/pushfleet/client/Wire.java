package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;

import java.util.concurrent.CompletableFuture;

/**
 * One transport under an {@link EdgeConnection}: connects, encodes and writes frames, and reports what
 * arrives to its {@link WireEvents}. Implementations: {@link WebSocketWire}, {@link TcpWire}. A wire is
 * used once; the connection above it decides what each event means.
 */
interface Wire {

    /** Opens the transport; completes when frames can be written, fails with the transport's exception. */
    CompletableFuture<Void> connect();

    /** Encodes and writes one frame; thread-safe, frames go out in the order of the calls. */
    CompletableFuture<Void> send(Frame frame);

    /** Writes the bytes as they are: a binary WebSocket message, or on TCP raw bytes without a length prefix. */
    CompletableFuture<Void> sendRaw(byte[] bytes);

    /** Writes the text as it is: a text WebSocket message, or on TCP its UTF-8 bytes without a length prefix. */
    CompletableFuture<Void> sendRaw(String text);

    /** Starts a graceful close: a WebSocket close frame with this code; on TCP (no close frame) a plain close. */
    void close(int code, String reason);

    /** Drops the transport now, without a handshake. Idempotent. */
    void abort();
}
