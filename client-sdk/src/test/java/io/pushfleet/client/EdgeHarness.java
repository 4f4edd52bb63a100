package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A fake edge, a test-owned connector and a recording listener, and the steps every connection test repeats. */
final class EdgeHarness implements AutoCloseable {

    static final String TOKEN = "eyJraWQiOiJrMSJ9.do-not-log-this-token.c2ln";
    /** Long enough that no heartbeat ping shows up during a test that is not about heartbeats. */
    static final Duration QUIET = Duration.ofMinutes(5);

    final EdgeConnector connector = new EdgeConnector("test");
    final RecordingListener listener = new RecordingListener();
    FakeEdge edge;

    record Opened(EdgeConnection connection, FakeEdge.Peer peer) {
    }

    static Frame.AuthOk authOk(Duration heartbeat) {
        return new Frame.AuthOk(new UserId(42), new DeviceId("phone-1"), new NodeId("fake"), heartbeat);
    }

    static ConnectOptions.Builder options(Transport transport) {
        return ConnectOptions.builder().transport(transport).connectTimeout(Duration.ofSeconds(5));
    }

    /** Starts a fake edge for the transport and begins connecting to it. */
    CompletableFuture<EdgeConnection> start(ConnectOptions options) {
        edge = FakeEdge.start(options.transport());
        return connector.open(edge.address(), TOKEN, options, listener);
    }

    /** Connects, checks the auth frame, answers {@code auth_ok} with this heartbeat and waits until open. */
    Opened open(ConnectOptions options, Duration heartbeat) throws Exception {
        CompletableFuture<EdgeConnection> future = start(options);
        FakeEdge.Peer peer = edge.awaitPeer();
        assertThat(peer.expect(Frame.Auth.class).token()).isEqualTo(TOKEN);
        assertThat(future).as("open before auth_ok").isNotDone();
        peer.send(authOk(heartbeat));
        return new Opened(future.get(5, TimeUnit.SECONDS), peer);
    }

    Opened open(Transport transport) throws Exception {
        return open(options(transport).build(), QUIET);
    }

    /** A loopback address where nothing listens: both ports were just freed. */
    static EdgeAddress nowhere(String nodeId) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return new EdgeAddress(new NodeId(nodeId), URI.create("ws://127.0.0.1:" + port + "/ws"),
                "127.0.0.1", port);
    }

    static EdgeConnectException connectFailure(CompletableFuture<?> future) {
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        assertThat(e).as("open should fail").isNotNull();
        assertThat(e.getCause()).isInstanceOf(EdgeConnectException.class);
        return (EdgeConnectException) e.getCause();
    }

    static CloseReason closeReason(EdgeConnection connection) throws Exception {
        return connection.closed().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        connector.close(Duration.ofSeconds(1));
        if (edge != null) {
            edge.close();
        }
    }
}
