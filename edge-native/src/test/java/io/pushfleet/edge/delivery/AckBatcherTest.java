package io.pushfleet.edge.delivery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.ProcessStats;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN 3.5: client acks leave the node in batches, by size or by age, on a fake clock and a recording timer. */
class AckBatcherTest {

    private static final NodeId NODE = new NodeId("edge-acks");

    private final AtomicLong now = new AtomicLong(1_000);
    private final InMemoryEventStream events = new InMemoryEventStream();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Long> timerDelays = new ArrayList<>();
    private final List<Runnable> timerTasks = new ArrayList<>();
    private final AckBatcher acks = new AckBatcher(NODE, events,
            new EdgeMetrics(meters, new ConnectionRegistry(), new ProcessStats()), 3, Duration.ofMillis(100), now::get,
            (task, delayNanos) -> {
                timerTasks.add(task);
                timerDelays.add(delayNanos);
            });

    @Test
    void holdsAcksUntilTheOldestHasWaitedTheDelay() {
        acks.add(new UserId(1), new MessageId(10));
        advance(60);
        acks.add(new UserId(2), new MessageId(11));
        acks.flushDue();
        assertThat(events.all()).as("after 60 ms").isEmpty();

        advance(40);
        acks.flushDue();

        assertThat(events.all()).containsExactly(new FleetEvent.Acked(NODE, List.of(ack(1, 10), ack(2, 11))));
        acks.flushDue();
        assertThat(events.all()).as("nothing appended twice").hasSize(1);
    }

    @Test
    void appendsAFullBatchAtOnce() {
        acks.add(new UserId(1), new MessageId(10));
        acks.add(new UserId(1), new MessageId(11));
        assertThat(events.all()).isEmpty();

        acks.add(new UserId(2), new MessageId(12));

        assertThat(events.all()).containsExactly(new FleetEvent.Acked(NODE, List.of(ack(1, 10), ack(1, 11), ack(2, 12))));
    }

    @Test
    void theDelayRunsFromTheFirstAckOfTheNextBatch() {
        for (int i = 0; i < 3; i++) {
            acks.add(new UserId(1), new MessageId(10 + i));
        }
        advance(500);
        acks.add(new UserId(4), new MessageId(20));
        acks.flushDue();
        assertThat(events.all()).as("the new batch is fresh").hasSize(1);

        advance(100);
        acks.flushDue();

        assertThat(events.all()).hasSize(2).last().isEqualTo(new FleetEvent.Acked(NODE, List.of(ack(4, 20))));
    }

    @Test
    void flushAppendsWhateverIsPending() {
        acks.add(new UserId(1), new MessageId(10));

        acks.flush();

        assertThat(events.all()).containsExactly(new FleetEvent.Acked(NODE, List.of(ack(1, 10))));
        assertThat(meters.get("edge.acks").counter().count()).isEqualTo(1);
    }

    @Test
    void theFirstAckOfABatchSetsTheOneTimerThatAppendsIt() {
        assertThat(timerTasks).as("no acks, no timer").isEmpty();
        acks.add(new UserId(1), new MessageId(10));
        acks.add(new UserId(2), new MessageId(11));
        assertThat(timerDelays).containsExactly(TimeUnit.MILLISECONDS.toNanos(100));

        advance(100);
        timerTasks.getFirst().run();

        assertThat(events.all()).containsExactly(new FleetEvent.Acked(NODE, List.of(ack(1, 10), ack(2, 11))));
        acks.add(new UserId(3), new MessageId(12));
        assertThat(timerTasks).as("the next batch sets its own").hasSize(2);
    }

    @Test
    void theTimerOfABatchThatWentOutFullFindsNothingToAppend() {
        acks.add(new UserId(1), new MessageId(10));
        acks.add(new UserId(1), new MessageId(11));
        acks.add(new UserId(1), new MessageId(12));
        advance(100);
        timerTasks.getFirst().run();

        assertThat(timerTasks).hasSize(1);
        assertThat(events.all()).as("the first batch's timer finds nothing to append").hasSize(1);
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static FleetEvent.UserMessage ack(long user, long msg) {
        return new FleetEvent.UserMessage(new UserId(user), new MessageId(msg));
    }
}
