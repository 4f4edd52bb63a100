package io.pushfleet.edge.session;

import io.netty.channel.embedded.EmbeddedChannel;
import io.pushfleet.edge.testing.PipelineFixture;
import io.pushfleet.edge.testing.TcpWire;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN 3.10, PROTOCOL 3.5: a drain asks each client once to reconnect, at the rate, with a jittered delay,
 * and closes those still here after the grace; driven by a mock ticker through the real pipelines.
 */
class SessionDrainTest {

    private static final int RATE = 10;

    private final PipelineFixture fx = new PipelineFixture();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @Test
    void asksEveryClientOnceAtNoMoreThanTheRateWithJitteredDelays() {
        for (int i = 0; i < 25; i++) {
            channels.add(fx.authenticatedTcp(100 + i, "d"));
        }

        fx.drain.start(RATE, "node draining");
        List<Integer> perSecond = new ArrayList<>();
        Set<Long> delays = new HashSet<>();
        int asked = 0;
        for (int second = 0; second < 4; second++) {
            int thisSecond = 0;
            for (int tick = 0; tick < 10; tick++) {
                advance(SessionDrain.TICK);
                for (EmbeddedChannel ch : channels) {
                    Frame f = TcpWire.read(ch);
                    if (f instanceof Frame.Reconnect reconnect) {
                        thisSecond++;
                        delays.add(reconnect.delay().toMillis());
                        assertThat(reconnect.reason()).isEqualTo("node draining");
                        assertThat(reconnect.delay()).isBetween(Duration.ZERO, PipelineFixture.DRAIN_JITTER);
                    }
                }
            }
            perSecond.add(thisSecond);
            asked += thisSecond;
        }

        assertThat(perSecond).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(RATE));
        assertThat(asked).isEqualTo(25);
        assertThat(delays).as("jittered, not one delay for all").hasSizeGreaterThan(5);
        assertThat(fx.meters.get("edge.drain.reconnects").counter().count()).isEqualTo(25);
        assertThat(channels).allSatisfy(ch -> assertThat(ch.isOpen()).isTrue());
    }

    // PROTOCOL 3.5: the edge closes a client that did not leave shortly after its reconnect.
    @Test
    void closesAClientStillHereAfterTheGraceWithGoingAway() {
        EmbeddedChannel ch = track(fx.authenticatedTcp(42, "d1"));
        fx.drain.start(RATE, "node draining");
        advance(Duration.ofSeconds(1));
        assertThat(TcpWire.read(ch)).isInstanceOf(Frame.Reconnect.class);

        advance(PipelineFixture.DRAIN_GRACE.minusSeconds(2));
        assertThat(ch.isOpen()).isTrue();
        advance(Duration.ofSeconds(3));

        Frame farewell = TcpWire.read(ch);
        assertThat(farewell).isInstanceOf(Frame.Error.class);
        assertThat(((Frame.Error) farewell).code()).isEqualTo(CloseCode.GOING_AWAY.code());
        assertThat(ch.isOpen()).isFalse();
        assertThat(fx.closes("going_away")).isEqualTo(1);
    }

    @Test
    void aClientAuthenticatingDuringTheDrainIsAskedRightAfterAuthOk() {
        fx.drain.start(RATE, "node draining");
        EmbeddedChannel ch = track(fx.tcp());

        ch.writeInbound(TcpWire.frame(new Frame.Auth(fx.tokens.valid(7, "late"))));

        assertThat(TcpWire.read(ch)).isInstanceOf(Frame.AuthOk.class);
        assertThat(TcpWire.read(ch)).isInstanceOf(Frame.Reconnect.class);
        advance(Duration.ofSeconds(2));
        assertThat(TcpWire.read(ch)).as("asked once only").isNull();
    }

    @Test
    void aClientStillAuthenticatingIsAskedOnceItIsIn() {
        EmbeddedChannel waiting = track(fx.tcp());
        fx.drain.start(RATE, "node draining");
        advance(Duration.ofSeconds(1));
        assertThat(TcpWire.read(waiting)).isNull();

        waiting.writeInbound(TcpWire.frame(new Frame.Auth(fx.tokens.valid(8, "slow"))));

        assertThat(TcpWire.read(waiting)).isInstanceOf(Frame.AuthOk.class);
        assertThat(TcpWire.read(waiting)).isInstanceOf(Frame.Reconnect.class);
    }

    @Test
    void stoppingCallsTheDrainOffWithoutClosingAnyone() {
        EmbeddedChannel first = track(fx.authenticatedTcp(1, "d"));
        EmbeddedChannel second = track(fx.authenticatedTcp(2, "d"));
        // Rate 2: one permit a second, after the first second.
        fx.drain.start(2, "node draining");
        advance(Duration.ofMillis(1500));
        int askedBeforeStop = count(Frame.Reconnect.class, first, second);
        assertThat(askedBeforeStop).isEqualTo(1);

        fx.drain.stop();
        advance(PipelineFixture.DRAIN_GRACE.plusSeconds(5));

        assertThat(count(Frame.Reconnect.class, first, second)).isZero();
        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(fx.drain.active()).isFalse();
    }

    @Test
    void aFasterRateTakesOverWhenTheNodeStopsDuringADrain() {
        for (int i = 0; i < 20; i++) {
            channels.add(fx.authenticatedTcp(200 + i, "d"));
        }
        fx.drain.start(RATE, "node draining");
        advance(Duration.ofSeconds(1));
        int atDrainRate = count(Frame.Reconnect.class, channels.toArray(EmbeddedChannel[]::new));

        fx.drain.start(1000, "node shutting down");
        advance(Duration.ofSeconds(1));
        List<Frame.Reconnect> later = new ArrayList<>();
        for (EmbeddedChannel ch : channels) {
            if (TcpWire.read(ch) instanceof Frame.Reconnect r) {
                later.add(r);
            }
        }

        assertThat(atDrainRate).isLessThanOrEqualTo(RATE);
        assertThat(atDrainRate + later.size()).isEqualTo(20);
        assertThat(later).allSatisfy(r -> assertThat(r.reason()).isEqualTo("node shutting down"));
    }

    private EmbeddedChannel track(EmbeddedChannel ch) {
        channels.add(ch);
        return ch;
    }

    /** Moves time on in drain ticks, running each channel's loop (the walk and the sweep) every tick. */
    private void advance(Duration d) {
        for (long t = 0; t < d.toMillis(); t += SessionDrain.TICK.toMillis()) {
            fx.advance(SessionDrain.TICK, channels.toArray(EmbeddedChannel[]::new));
        }
    }

    private static int count(Class<? extends Frame> type, EmbeddedChannel... chs) {
        int n = 0;
        for (EmbeddedChannel ch : chs) {
            Frame f;
            while ((f = TcpWire.read(ch)) != null) {
                if (type.isInstance(f)) {
                    n++;
                }
            }
        }
        return n;
    }
}
