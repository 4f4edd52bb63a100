package io.pushfleet.systemtest;

import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.Frame;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A raw TCP client speaking the binary protocol by hand (no SDK), as a device would: it authenticates, keeps
 * the connection alive with pings while it waits, and reports what the edge sends.
 */
final class RawTcpClient implements AutoCloseable {

    private static final BinaryCodec CODEC = new BinaryCodec(ProtocolLimits.DEFAULTS);
    /** Below the test fleet's idle limit (1 s heartbeat, 2 misses). */
    private static final int PING_EVERY_MILLIS = 500;

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final DataOutputStream out;

    RawTcpClient(int port, String token) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(PING_EVERY_MILLIS);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
        send(new Frame.Auth(token));
        Frame answer = next(Duration.ofSeconds(10));
        if (!(answer instanceof Frame.AuthOk)) {
            throw new IllegalStateException("expected auth_ok, got " + answer);
        }
    }

    void send(Frame frame) throws IOException {
        byte[] bytes = CODEC.encode(frame);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /**
     * The next frame other than {@code pong}, pinging while it waits; {@code null} when the edge closed the
     * connection. Fails after {@code timeout}.
     */
    Frame next(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int length = in.readInt();
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                Frame frame = CODEC.decode(ByteBuffer.wrap(bytes));
                if (!(frame instanceof Frame.Pong)) {
                    return frame;
                }
            } catch (EOFException closed) {
                return null;
            } catch (SocketTimeoutException quiet) {
                send(new Frame.Ping());
            }
        }
        throw new AssertionError("no frame within " + timeout);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
