package io.pushfleet.edge.testing;

import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.Frame;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/** A blocking raw-TCP client speaking length-prefixed binary frames. */
public final class TcpTestClient implements AutoCloseable {

    private static final BinaryCodec CODEC = new BinaryCodec(ProtocolLimits.DEFAULTS);

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final DataOutputStream out;

    public TcpTestClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    public void send(Frame frame) throws IOException {
        byte[] bytes = CODEC.encode(frame);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /** The next frame, or {@code null} when the server closed the connection. Times out after 5 s. */
    public Frame read() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return CODEC.decode(ByteBuffer.wrap(bytes));
    }

    /** Sends auth and returns the answer. */
    public Frame auth(String token) throws IOException {
        send(new Frame.Auth(token));
        return read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
