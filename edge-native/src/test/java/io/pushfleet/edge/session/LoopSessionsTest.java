package io.pushfleet.edge.session;

import io.netty.channel.embedded.EmbeddedChannel;
import io.pushfleet.edge.testing.PipelineFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch list of one event loop: a session is on it while a short limit applies, so the frequent sweep does
 * not visit idle open sessions, and the short limits are still enforced between two full sweeps.
 */
class LoopSessionsTest {

    private static final Duration WATCHED_SWEEP = Duration.ofSeconds(1);

    private final PipelineFixture fx = new PipelineFixture();

    @Test
    void watchesANewSessionUntilItAuthenticates() {
        EmbeddedChannel ch = fx.tcp();
        LoopSessions sessions = fx.sweeper.sessionsOf(ch.eventLoop());
        assertThat(sessions.watchedCount()).as("awaiting auth").isEqualTo(1);

        EmbeddedChannel open = fx.authenticatedTcp(42, "d1");
        assertThat(fx.sweeper.sessionsOf(open.eventLoop()).watchedCount()).isEqualTo(1);
        fx.advance(WATCHED_SWEEP, open);

        assertThat(fx.sweeper.sessionsOf(open.eventLoop()).watchedCount()).as("open and writable").isZero();
        assertThat(open.isOpen()).isTrue();
    }

    @Test
    void closesASlowConsumerLongBeforeTheNextFullSweep() {
        EmbeddedChannel ch = fx.authenticatedTcp(42, "d1");
        fx.advance(WATCHED_SWEEP, ch);
        LoopSessions sessions = fx.sweeper.sessionsOf(ch.eventLoop());
        assertThat(sessions.watchedCount()).isZero();

        Session.of(ch).writability(false, fx.ticker.nanoTime());
        assertThat(sessions.watchedCount()).isEqualTo(1);
        fx.advance(Duration.ofSeconds(10), ch);
        fx.advance(WATCHED_SWEEP, ch);

        assertThat(fx.sweeper.limits().fullSweepInterval()).isGreaterThan(Duration.ofSeconds(12));
        assertThat(ch.isOpen()).isFalse();
        assertThat(fx.closes("slow_consumer")).isEqualTo(1);
    }

    @Test
    void dropsASessionThatBecameWritableAgain() {
        EmbeddedChannel ch = fx.authenticatedTcp(42, "d1");
        Session session = Session.of(ch);
        session.writability(false, fx.ticker.nanoTime());
        session.writability(true, fx.ticker.nanoTime());

        fx.advance(Duration.ofSeconds(11), ch);

        assertThat(fx.sweeper.sessionsOf(ch.eventLoop()).watchedCount()).isZero();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void watchesEachSessionOnceHoweverManyShortLimitsApply() {
        EmbeddedChannel ch = fx.authenticatedTcp(42, "d1");
        Session session = Session.of(ch);
        session.writability(false, fx.ticker.nanoTime());
        session.askedToReconnect(fx.ticker.nanoTime());

        assertThat(fx.sweeper.sessionsOf(ch.eventLoop()).watchedCount()).isEqualTo(1);
    }
}
