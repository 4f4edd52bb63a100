package io.pushfleet.edge.registry;

import io.netty.channel.Channel;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalChannel;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.edge.testing.PipelineFixture;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route writes go out together: one flush per event-loop turn, whatever the number of connects in it; on a loop
 * that has shut down, at once. Writes that fail are counted by what they were.
 */
class RouteRegistrarTest {

    private final PipelineFixture fx = new PipelineFixture();
    private final AtomicLong connIds = new AtomicLong(1);

    private Session session(Channel channel, long userId) {
        Session s = Session.attach(channel, connIds.getAndIncrement(), Transport.TCP, 0);
        s.authenticate(new UserId(userId), new DeviceId("d"), 0);
        return s;
    }

    @Test
    void sendsTheWritesOfOneLoopTurnInOneFlush() {
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        EmbeddedChannel third = new EmbeddedChannel();
        Session c = session(third, 3);

        fx.registrar.register(session(first, 1));
        fx.registrar.register(session(second, 2));
        fx.registrar.unregister(c);

        assertThat(fx.routes.flushes()).as("nothing sent before the loop ends its turn").isZero();
        second.runPendingTasks();
        third.runPendingTasks();
        assertThat(fx.routes.flushes()).as("the flush is on the loop of the first write").isZero();
        first.runPendingTasks();
        assertThat(fx.routes.flushes()).as("one flush for all three writes").isEqualTo(1);
    }

    @Test
    void aWriteAfterTheFlushSchedulesTheNextOneOnItsOwnLoop() {
        EmbeddedChannel first = new EmbeddedChannel();
        fx.registrar.register(session(first, 1));
        first.runPendingTasks();

        EmbeddedChannel second = new EmbeddedChannel();
        fx.registrar.register(session(second, 2));
        first.runPendingTasks();
        assertThat(fx.routes.flushes()).isEqualTo(1);
        second.runPendingTasks();
        assertThat(fx.routes.flushes()).isEqualTo(2);
    }

    @Test
    void aWriteFromALoopThatHasShutDownIsFlushedAtOnce() throws InterruptedException {
        DefaultEventLoop loop = new DefaultEventLoop();
        LocalChannel channel = new LocalChannel();
        loop.register(channel).sync();
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();

        fx.registrar.unregister(session(channel, 1));

        assertThat(fx.routes.flushes()).as("sent by the caller: the loop rejects the flush task").isEqualTo(1);
    }

    @Test
    void countsFailedWritesByOperation() {
        Session held = session(new EmbeddedChannel(), 1);
        fx.routes.failing(true);

        fx.registrar.register(session(new EmbeddedChannel(), 2));
        fx.registrar.register(session(new EmbeddedChannel(), 3));
        fx.registrar.unregister(held);

        assertThat(failed("set")).isEqualTo(2);
        assertThat(failed("delete")).isEqualTo(1);
    }

    private double failed(String op) {
        return fx.meters.get("edge.route.writes.failed").tag("op", op).counter().count();
    }
}
