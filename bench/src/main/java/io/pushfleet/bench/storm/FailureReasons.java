package io.pushfleet.bench.storm;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.pushfleet.model.frame.CloseCode;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;

/**
 * Short, stable names for why a connection failed or ended, so failures can be counted by reason across
 * workers: {@code refused}, {@code connect timeout}, {@code reset}, {@code close 4002 auth_failed}, ...
 */
final class FailureReasons {

    static final String NO_AUTH_OK = "no auth_ok in time";
    static final String CLOSED_BEFORE_AUTH = "closed by the edge before auth_ok";
    static final String CLOSED = "closed by the edge";

    private FailureReasons() {
    }

    /** The reason for an edge's close code (a WebSocket close frame, or a TCP {@code error} frame). */
    static String closeCode(int code) {
        CloseCode known = CloseCode.of(code);
        return "close " + code + (known == null ? "" : " " + known.name().toLowerCase(Locale.ROOT));
    }

    /**
     * The reason for an exception. A connect failure is a {@link ConnectException} whatever the errno, so its
     * reason keeps the kernel's words ({@code Connection refused}, {@code Cannot assign requested address}):
     * the part of the message between Netty's {@code failed: } and the address it appends.
     */
    static String of(Throwable cause) {
        return switch (cause) {
            case ConnectTimeoutException ignored -> "connect timeout";
            case ConnectException e -> "connect: " + kernelWords(e.getMessage());
            case WebSocketClientHandshakeException e -> "websocket upgrade refused";
            case WebSocketHandshakeException e -> "websocket handshake failed";
            case Errors.NativeIoException e when e.expectedErr() == Errors.ERRNO_ECONNRESET_NEGATIVE -> "reset";
            case IOException e -> "io: " + kernelWords(e.getMessage());
            default -> cause.getClass().getSimpleName();
        };
    }

    private static String kernelWords(String message) {
        if (message == null) {
            return "unknown";
        }
        int start = message.indexOf("failed: ");
        String words = start < 0 ? message : message.substring(start + "failed: ".length());
        int address = words.indexOf(": /");
        return address < 0 ? words : words.substring(0, address);
    }
}
