package io.pushfleet.edge.it;

import io.pushfleet.edge.bootstrap.BoundPorts;
import io.pushfleet.edge.bootstrap.EdgeConfig;
import io.pushfleet.edge.bootstrap.EdgeNode;
import io.pushfleet.edge.testing.AdminMetrics;
import io.pushfleet.edge.testing.TcpTestClient;
import io.pushfleet.edge.testing.TestRedis;
import io.pushfleet.edge.testing.TestTokens;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN 6: a client that stops reading is closed with SLOW_CONSUMER and never grows the edge's memory. One
 * edge in-process against a real redis-server; broadcasts of 32 KB flow to a client that reads and to one that
 * never reads again after {@code auth_ok} (with a small receive buffer, so the kernel holds little for it).
 */
class SlowConsumerIT {

    private static final BinaryCodec CODEC = new BinaryCodec(ProtocolLimits.DEFAULTS);
    private static final int PUSHES = 1200;
    private static final String BODY = "\"" + "x".repeat(32 * 1024) + "\"";
    /**
     * 1200 pushes of 32 KB are 38 MB; an outbound buffer that grew with them would pass this twice over. The
     * figure is the JVM's (this test's own Redis client and sockets included) and counts the allocator's
     * cached chunks, so it is not near zero either.
     */
    private static final double DIRECT_MEMORY_BOUND = 16 * 1024 * 1024;

    private static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static final TestRedis REDIS = TestRedis.withKeysOf(tokens);

    private static EdgeNode node;
    private static BoundPorts ports;

    @BeforeAll
    static void start() throws Exception {
        node = new EdgeNode(EdgeConfig.builder()
                .nodeId(new NodeId("edge-slow"))
                .bindHost("127.0.0.1")
                .wsPort(0).tcpPort(0).adminPort(0)
                .redisUri(REDIS.uri())
                .slowConsumerTimeout(Duration.ofSeconds(1))
                .shutdownTimeout(Duration.ofSeconds(5))
                .build(), Clock.systemUTC());
        ports = node.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void closesAClientThatStopsReadingAndKeepsItsBuffersBounded() throws Exception {
        try (Socket stalled = stalledClient(7001); TcpTestClient reader = new TcpTestClient(ports.tcp())) {
            assertThat(reader.auth(tokens.valid(7002, "reader"))).isInstanceOf(Frame.AuthOk.class);
            double peakDirect = 0;

            for (int i = 0; i < PUSHES; i++) {
                PushCommand push = new PushCommand(new MessageId(800_000 + i), 70, new RawJson(BODY), false, null,
                        List.of(), false, "");
                REDIS.sync().xadd(RedisKeys.BROADCAST_STREAM, push.toFields());
                assertThat(reader.read()).isInstanceOf(Frame.Push.class);
                if (i % 100 == 0) {
                    peakDirect = Math.max(peakDirect, metric("edge_memory_direct_used_bytes"));
                }
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> metric("edge_closes_total{reason=\"slow_consumer\"}") == 1.0);
            assertThat(metric("edge_pushes_skipped_total{reason=\"unwritable\"}")).isPositive();
            assertThat(peakDirect).isLessThan(DIRECT_MEMORY_BOUND);
            assertThat(metric("edge_memory_direct_used_bytes")).isLessThan(DIRECT_MEMORY_BOUND);
            assertClosedByTheEdge(stalled);
            assertThat(metric("edge_connections_authenticated")).isEqualTo(1.0);
        }
    }

    /** A raw TCP client with a small receive buffer that authenticates, reads {@code auth_ok}, then reads no more. */
    private static Socket stalledClient(long userId) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", ports.tcp()), 2000);
        socket.setSoTimeout(5000);
        byte[] auth = CODEC.encode(new Frame.Auth(tokens.valid(userId, "stalled")));
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(auth.length);
        out.write(auth);
        out.flush();
        InputStream in = socket.getInputStream();
        int length = (in.read() << 24) | (in.read() << 16) | (in.read() << 8) | in.read();
        assertThat(CODEC.decode(java.nio.ByteBuffer.wrap(in.readNBytes(length)))).isInstanceOf(Frame.AuthOk.class);
        return socket;
    }

    /** Reading on drains what the kernel still held for the client, then ends: the edge closed (or reset) it. */
    private static void assertClosedByTheEdge(Socket socket) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try {
            while (socket.getInputStream().read(chunk) >= 0) {
                // Drain; a closed connection ends with -1.
            }
        } catch (java.net.SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        }
    }

    private static double metric(String series) throws Exception {
        return AdminMetrics.read(ports.admin(), series);
    }
}
