package io.pushfleet.client;

import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.NodeId;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A TCP edge on an ephemeral loopback port speaking length-prefixed binary frames (docs/protocol.md, 1). */
final class FakeTcpEdge implements FakeEdge {

    private static final BinaryCodec CODEC = new BinaryCodec(ProtocolLimits.DEFAULTS);

    private final ServerSocket server;
    private final BlockingQueue<TcpPeer> accepted = new LinkedBlockingQueue<>();
    private final List<TcpPeer> all = new CopyOnWriteArrayList<>();
    private volatile boolean anyConnected;

    FakeTcpEdge() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("fake-tcp-accept").start(this::acceptLoop);
    }

    private void acceptLoop() {
        try {
            while (true) {
                TcpPeer peer = new TcpPeer(server.accept());
                anyConnected = true;
                all.add(peer);
                accepted.add(peer);
                Thread.ofVirtual().name("fake-tcp-read").start(peer::readLoop);
            }
        } catch (IOException ignored) {
            // The server socket was closed: the fake is shutting down.
        }
    }

    @Override
    public EdgeAddress address() {
        return new EdgeAddress(new NodeId("fake-tcp"), URI.create("ws://127.0.0.1:9/ws"), "127.0.0.1",
                server.getLocalPort());
    }

    @Override
    public Peer awaitPeer() throws InterruptedException {
        TcpPeer peer = accepted.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (peer == null) {
            throw new AssertionError("no TCP connection within " + WAIT);
        }
        return peer;
    }

    @Override
    public boolean noPeerYet() {
        return !anyConnected;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Best effort in test teardown.
        }
        all.forEach(TcpPeer::drop);
    }

    private static final class TcpPeer implements Peer {
        private final Socket socket;
        private final PeerFrames frames = new PeerFrames();
        private final CountDownLatch closed = new CountDownLatch(1);

        TcpPeer(Socket socket) {
            this.socket = socket;
        }

        void readLoop() {
            try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
                while (true) {
                    int length = in.readInt();
                    if (length < 0 || length > ProtocolLimits.ABSOLUTE_MAX_FRAME_BYTES) {
                        frames.addUndecodable("length prefix: " + Integer.toUnsignedString(length));
                        return;
                    }
                    byte[] frame = new byte[length];
                    in.readFully(frame);
                    try {
                        frames.add(CODEC.decode(ByteBuffer.wrap(frame)));
                    } catch (ProtocolException e) {
                        frames.addUndecodable(e.getMessage());
                    }
                }
            } catch (IOException e) {
                // EOF or reset: the connection is over.
            } finally {
                closed.countDown();
            }
        }

        @Override
        public <T extends Frame> T expect(Class<T> type) throws InterruptedException {
            return frames.expect(type);
        }

        @Override
        public void send(Frame frame) {
            byte[] body = CODEC.encode(frame);
            sendRaw(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());
        }

        @Override
        public synchronized void sendRaw(byte[] bytes) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void refuse(CloseCode code, String message) {
            send(new Frame.Error(code, message)); // PROTOCOL 5: on TCP the code travels in an error frame
            drop();
        }

        @Override
        public void drop() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }

        @Override
        public String authorization() {
            return null;
        }

        @Override
        public int awaitClientCloseCode() {
            throw new UnsupportedOperationException("TCP has no close frame");
        }

        @Override
        public boolean awaitClosed() throws InterruptedException {
            return closed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
