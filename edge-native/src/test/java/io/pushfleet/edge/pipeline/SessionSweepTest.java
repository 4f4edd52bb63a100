package io.pushfleet.edge.pipeline;

import io.netty.channel.embedded.EmbeddedChannel;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.testing.PipelineFixture;
import io.pushfleet.edge.testing.TcpWire;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.pushfleet.edge.pipeline.TcpPipelineTest.assertClosedWith;
import static org.assertj.core.api.Assertions.assertThat;

/** The per-event-loop sweep, driven by a mock ticker: auth timeout and idle eviction without real waiting. */
class SessionSweepTest {

    private final PipelineFixture fx = new PipelineFixture();

    // PROTOCOL 3.1: auth must arrive within the auth timeout.
    @Test
    void closesWithAuthTimeoutWhenNoAuthArrivesInTime() {
        EmbeddedChannel ch = fx.tcp();

        fx.advance(PipelineFixture.AUTH_TIMEOUT.minusMillis(500), ch);
        assertThat(ch.isOpen()).isTrue();
        fx.advance(Duration.ofSeconds(1), ch);

        assertClosedWith(ch, CloseCode.AUTH_TIMEOUT);
        assertThat(fx.closes("auth_timeout")).isEqualTo(1);
    }

    @Test
    void closesAWebSocketThatNeverUpgradesWithAuthTimeout() {
        EmbeddedChannel ch = fx.ws();

        fx.advance(PipelineFixture.AUTH_TIMEOUT.plusSeconds(1), ch);

        assertThat(ch.isOpen()).isFalse();
        assertThat(fx.closes("auth_timeout")).isEqualTo(1);
    }

    // PROTOCOL 3.3: silent for heartbeat interval times misses.
    @Test
    void closesWithIdleTimeoutWhenSilentForTheAllowedMisses() {
        EmbeddedChannel ch = authenticated();
        Duration idle = PipelineFixture.HEARTBEAT.multipliedBy(PipelineFixture.MISSES);

        fx.advance(idle.minusSeconds(2), ch);
        assertThat(ch.isOpen()).isTrue();
        fx.advance(Duration.ofSeconds(3), ch);

        assertClosedWith(ch, CloseCode.IDLE_TIMEOUT);
        assertThat(fx.routes.route(new UserId(42), new DeviceId("d1"))).isEmpty();
    }

    @Test
    void keepsAConnectionThatPingsEveryInterval() {
        EmbeddedChannel ch = authenticated();

        for (int i = 0; i < 10; i++) {
            fx.advance(PipelineFixture.HEARTBEAT, ch);
            ch.writeInbound(TcpWire.frame(new Frame.Ping()));
            assertThat(TcpWire.read(ch)).isEqualTo(new Frame.Pong());
        }

        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void anyFrameCountsAsASignOfLife() {
        EmbeddedChannel ch = authenticated();

        for (int i = 0; i < 5; i++) {
            fx.advance(PipelineFixture.HEARTBEAT.multipliedBy(2), ch);
            ch.writeInbound(TcpWire.frame(new Frame.Uplink(new RawJson("{}"), "c" + i)));
            TcpWire.read(ch);
        }

        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void closesHardWhenAStartedCloseHangsPastTheGrace() {
        EmbeddedChannel ch = authenticated();
        Session session = Session.of(ch);
        session.beginClose(CloseCode.GOING_AWAY, "test", fx.ticker.nanoTime());

        fx.advance(Duration.ofSeconds(6), ch);

        assertThat(ch.isOpen()).isFalse();
        assertThat(fx.closes("going_away")).isEqualTo(1);
    }

    private EmbeddedChannel authenticated() {
        EmbeddedChannel ch = fx.tcp();
        ch.writeInbound(TcpWire.frame(new Frame.Auth(fx.tokens.valid(42, "d1"))));
        assertThat(TcpWire.read(ch)).isInstanceOf(Frame.AuthOk.class);
        return ch;
    }
}
