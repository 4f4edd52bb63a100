package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxTest {

    private final Outbox outbox = new Outbox(3);

    private Outbox.Pending add(String clientMsgId) {
        return outbox.add(new Frame.Uplink(new RawJson("1"), clientMsgId), clientMsgId);
    }

    private List<String> drain() {
        List<String> ids = new ArrayList<>();
        for (Outbox.Pending p = outbox.next(); p != null; p = outbox.next()) {
            ids.add(p.clientMsgId());
        }
        return ids;
    }

    @Test
    void givesFramesOutOnceInOrderAndKeepsThemUntilTheirReceipt() {
        add("a");
        add("b");

        assertThat(drain()).containsExactly("a", "b");
        assertThat(outbox.hasUnsent()).isFalse();
        assertThat(outbox.size()).isEqualTo(2);
        assertThat(outbox.receipt("a").clientMsgId()).isEqualTo("a");
        assertThat(outbox.receipt("a")).as("a second receipt").isNull();
        assertThat(outbox.size()).isEqualTo(1);
    }

    @Test
    void rewindQueuesEveryFrameWithoutAReceiptAgainOldestFirst() {
        add("a");
        add("b");
        drain();
        add("c");
        outbox.receipt("b");

        outbox.rewind();

        assertThat(drain()).containsExactly("a", "c");
    }

    @Test
    void skipsAFrameWhoseReceiptCameBeforeItWasWrittenAgain() {
        add("a");
        add("b");
        outbox.rewind();

        outbox.receipt("a"); // a late receipt from the previous connection

        assertThat(drain()).containsExactly("b");
    }

    @Test
    void refusesPastCapacityAndAClientMsgIdAlreadyWaiting() {
        add("a");
        add("b");
        add("c");

        assertThatThrownBy(() -> add("d")).isInstanceOf(BufferFullException.class);
        outbox.receipt("a");
        assertThatThrownBy(() -> add("b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientMsgId: 'b'");
        add("a");
        assertThat(outbox.size()).isEqualTo(3);
    }

    @Test
    void clearAnswersEverythingItHeldOldestFirst() {
        add("a");
        add("b");
        drain();

        assertThat(outbox.clear()).extracting(Outbox.Pending::clientMsgId).containsExactly("a", "b");
        assertThat(outbox.size()).isZero();
        assertThat(outbox.next()).isNull();
    }
}
