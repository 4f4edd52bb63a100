package io.pushfleet.edge.health;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.model.registry.NodeState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class AdminHttpHandlerTest {

    private final NodeStatus status = new NodeStatus();
    private final AtomicBoolean redisUp = new AtomicBoolean(true);
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final AdminHttpHandler handler;

    AdminHttpHandlerTest() {
        new EdgeMetrics(prometheus, connections, new ProcessStats());
        handler = new AdminHttpHandler(new Readiness(status, redisUp::get), prometheus);
    }

    @Test
    void isLiveWhileStarting() {
        assertThat(get("/health/live").status().code()).isEqualTo(200);
    }

    @Test
    void isNotReadyWhileStarting() {
        FullHttpResponse res = get("/health/ready");

        assertThat(res.status().code()).isEqualTo(503);
        assertThat(body(res)).isEqualTo("{\"status\":\"NOT_READY\",\"reason\":\"node is starting\"}");
    }

    @Test
    void isReadyWhenServingAndRedisAnswers() {
        status.advance(NodeStatus.Phase.SERVING);

        assertThat(get("/health/ready").status().code()).isEqualTo(200);
    }

    @Test
    void isNotReadyWhenRedisIsUnreachable() {
        status.advance(NodeStatus.Phase.SERVING);
        redisUp.set(false);

        FullHttpResponse res = get("/health/ready");

        assertThat(res.status().code()).isEqualTo(503);
        assertThat(body(res)).contains("redis unreachable");
    }

    @Test
    void isNotReadyWhenDraining() {
        status.advance(NodeStatus.Phase.SERVING);
        status.advance(NodeStatus.Phase.DRAINING);

        assertThat(body(get("/health/ready"))).contains("node is draining");
    }

    // DESIGN 3.10: an operator's drain takes the node out of readiness; undrain puts it back.
    @Test
    void isNotReadyWhileAnOperatorDrainsTheNodeAndReadyAgainAfterUndrain() {
        status.advance(NodeStatus.Phase.SERVING);
        status.drained(true);

        FullHttpResponse drained = get("/health/ready");
        assertThat(drained.status().code()).isEqualTo(503);
        assertThat(body(drained)).isEqualTo("{\"status\":\"NOT_READY\",\"reason\":\"node is drained by an operator\"}");
        assertThat(status.registryState()).isEqualTo(NodeState.DRAINING);

        status.drained(false);
        assertThat(get("/health/ready").status().code()).isEqualTo(200);
        assertThat(status.registryState()).isEqualTo(NodeState.UP);
    }

    @Test
    void servesPrometheusTextWithTheConnectionsGauge() {
        connections.opened();

        FullHttpResponse res = get("/metrics");

        assertThat(res.status().code()).isEqualTo(200);
        assertThat(res.headers().get("Content-Type")).startsWith("text/plain");
        assertThat(body(res)).contains("edge_connections 1.0").contains("edge_closes_total{reason=\"idle_timeout\"}");
    }

    @Test
    void answersNotFoundElsewhere() {
        assertThat(get("/nope").status().code()).isEqualTo(404);
    }

    private FullHttpResponse get(String uri) {
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri, Unpooled.EMPTY_BUFFER));
        return ch.readOutbound();
    }

    private static String body(FullHttpResponse res) {
        ByteBuf content = res.content();
        try {
            return content.toString(StandardCharsets.UTF_8);
        } finally {
            res.release();
        }
    }
}
