package io.pushfleet.edge.delivery;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** No event lists more than 1000 users. */
class DeliveryReportsTest {

    private static final NodeId NODE = new NodeId("edge-r");
    private static final MessageId MSG = new MessageId(1);

    @Test
    void splitsWrittenAndAbsentIntoChunksOfAThousand() {
        List<FleetEvent.Delivered> events = DeliveryReports.delivered(NODE, MSG, 4, "t-4", users(1, 2500),
                users(5001, 5010));

        assertThat(events).hasSize(3);
        assertThat(events).extracting(e -> e.written().size()).containsExactly(1000, 1000, 500);
        assertThat(events).extracting(e -> e.absent().size()).containsExactly(10, 0, 0);
        assertThat(events.get(2).written().getLast()).isEqualTo(new UserId(2500));
        assertThat(events).extracting(FleetEvent.Delivered::traceId).containsOnly("t-4");
    }

    @Test
    void answersAnEntryWithNoTargetsWithOneEmptyEvent() {
        assertThat(DeliveryReports.delivered(NODE, MSG, 4, "", List.of(), List.of()))
                .containsExactly(new FleetEvent.Delivered(NODE, MSG, 4, List.of(), List.of()));
        assertThat(DeliveryReports.broadcastDelivered(NODE, MSG, 4, "", new long[0])).hasSize(1);
    }

    @Test
    void splitsBroadcastUsers() {
        long[] written = LongStream.rangeClosed(1, 1001).toArray();

        List<FleetEvent.Delivered> events = DeliveryReports.broadcastDelivered(NODE, MSG, 4, "t-4", written);

        assertThat(events).extracting(e -> e.written().size()).containsExactly(1000, 1);
        assertThat(events.get(1).written()).containsExactly(new UserId(1001));
    }

    @Test
    void reportsNothingUndeliverableWhenEveryoneWasReached() {
        assertThat(DeliveryReports.undeliverable(NODE, MSG, new UserId(1), List.of(), new RawJson("1"), "")).isEmpty();
        assertThat(DeliveryReports.undeliverable(NODE, MSG, new UserId(1), users(1, 1001), new RawJson("1"), "")).hasSize(2);
    }

    private static List<UserId> users(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(UserId::new).toList();
    }
}
