package io.pushfleet.control.push;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.control.web.TraceIds;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FleetEventConsumerTest {

    private static final NodeId A = new NodeId("edge-a");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryPushStore store = new InMemoryPushStore();
    private final PushMetrics metrics = new PushMetrics(new SimpleMeterRegistry());
    private final FakeStream stream = new FakeStream();
    private final FleetEventHandler handler = new FleetEventHandler(store, store, store, store, new RecordingPublisher(),
            new OfflineExpiry(store, store, store, metrics, clock), users -> Map.of(), metrics, clock, Duration.ofDays(7),
            1000);
    private final FleetEventConsumer consumer = new FleetEventConsumer(stream, handler, metrics, "cp-1-test", 100,
            Duration.ofMillis(10), Duration.ofSeconds(30), Duration.ofSeconds(10));

    @Test
    void acknowledgesHandledAndUnreadableEntriesAndLeavesFailedOnesPending() {
        stream.reads.add(List.of(
                entry("1-0", undeliverable(5)),
                entry("2-0", Map.of("type", "no-such-event", "node", "edge-a")),
                entry("3-0", Map.of("type", "acked", "node", "edge-a", "acks", "7:not-a-number")),
                entry("4-0", undeliverable(6))));
        store.failNextStoreChat = true;

        consumer.pollOnce();

        assertThat(stream.acked).containsExactly("2-0", "3-0", "4-0");
        assertThat(store.offlineCount()).isEqualTo(1);
    }

    @Test
    void handlesEntriesTakenOverFromACrashedConsumerBeforeReadingNewOnes() {
        stream.claims.add(new EventStream.Claimed(List.of(entry("1-0", undeliverable(5))), "5-0"));
        stream.claims.add(new EventStream.Claimed(List.of(entry("5-0", undeliverable(6))), EventStream.Claimed.DONE));
        stream.reads.add(List.of(entry("9-0", undeliverable(7))));

        consumer.pollOnce();

        assertThat(stream.claimCursors).containsExactly("0-0", "5-0");
        assertThat(stream.acked).containsExactly("1-0", "5-0", "9-0");
        assertThat(store.offlineCount()).isEqualTo(3);
    }

    // DESIGN 3.11: log lines written while an event is applied carry the trace id of the entry.
    @Test
    void appliesEachEventUnderTheTraceIdOfItsEntryInTheMdc() {
        stream.reads.add(List.of(entry("1-0", undeliverable(5, TRACE_ID)), entry("2-0", undeliverable(6))));

        consumer.pollOnce();

        assertThat(store.storeChatMdcTraceIds).containsExactly(TRACE_ID, null);
        assertThat(MDC.get(TraceIds.MDC_KEY)).isNull();
    }

    private static Map<String, String> undeliverable(long user) {
        return undeliverable(user, "");
    }

    private static Map<String, String> undeliverable(long user, String traceId) {
        return new FleetEvent.Undeliverable(A, new MessageId(100 + user), new UserId(1), List.of(new UserId(user)),
                new RawJson("1"), traceId).toFields();
    }

    private static EventStream.Entry entry(String id, Map<String, String> fields) {
        return new EventStream.Entry(id, fields);
    }

    /** Hands out prepared reads and claims, and records acks. */
    private static final class FakeStream implements EventStream {
        final Deque<List<Entry>> reads = new ArrayDeque<>();
        final Deque<Claimed> claims = new ArrayDeque<>();
        final List<String> claimCursors = new ArrayList<>();
        final List<String> acked = new ArrayList<>();

        @Override
        public void ensureGroup() {
        }

        @Override
        public List<Entry> read(String consumer, int count, Duration block) {
            return reads.isEmpty() ? List.of() : reads.poll();
        }

        @Override
        public void ack(List<String> ids) {
            acked.addAll(ids);
        }

        @Override
        public Claimed claim(String consumer, Duration minIdle, String cursor, int count) {
            claimCursors.add(cursor);
            return claims.isEmpty() ? new Claimed(List.of(), Claimed.DONE) : claims.poll();
        }

        @Override
        public Backlog backlog() {
            return new Backlog(0, 0);
        }

        @Override
        public void removeIfIdle(String consumer) {
        }
    }
}
