package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboxTest {

    private static Frame.Push push(long id) {
        return new Frame.Push(new MessageId(id), new RawJson("{}"), false, null);
    }

    @Test
    void awaitTakesTheFirstFrameOfTheTypeAndLeavesOthers() throws Exception {
        Inbox inbox = new Inbox();
        Frame.Error error = new Frame.Error(4101, "rejected");
        inbox.onError(error);
        inbox.onPush(push(1));
        inbox.onPush(push(2));

        assertThat(inbox.awaitPush(Duration.ofSeconds(1)).msgId()).isEqualTo(new MessageId(1));
        assertThat(inbox.snapshot()).containsExactly(error, push(2));
    }

    @Test
    void awaitWakesUpWhenAFrameArrivesLater() throws Exception {
        Inbox inbox = new Inbox();
        Thread.ofVirtual().start(() -> inbox.onPush(push(9)));

        assertThat(inbox.awaitPush(Duration.ofSeconds(5)).msgId()).isEqualTo(new MessageId(9));
    }

    @Test
    void dropsTheOldestWhenFullAndCountsIt() {
        Inbox inbox = new Inbox(2);
        inbox.onPush(push(1));
        inbox.onPush(push(2));
        inbox.onPush(push(3));

        assertThat(inbox.snapshot()).containsExactly(push(2), push(3));
        assertThat(inbox.dropped()).isEqualTo(1);
    }

    @Test
    void awaitTimesOutWhenNothingMatches() {
        Inbox inbox = new Inbox();
        inbox.onPong(new Frame.Pong());

        assertThatThrownBy(() -> inbox.awaitPush(Duration.ofMillis(50)))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("no Push within PT0.05S");
        assertThat(inbox.pongs()).isEqualTo(1);
        assertThat(inbox.snapshot()).isEmpty();
    }
}
