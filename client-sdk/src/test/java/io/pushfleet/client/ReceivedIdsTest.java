package io.pushfleet.client;

import io.pushfleet.model.id.MessageId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivedIdsTest {

    @Test
    void remembersTheLastWindowIdsAndForgetsTheOldest() {
        ReceivedIds ids = new ReceivedIds(3);
        for (long id = 1; id <= 4; id++) {
            ids.remember(new MessageId(id));
        }

        assertThat(ids.seen(new MessageId(1))).as("pushed out by the fourth").isFalse();
        assertThat(ids.seen(new MessageId(2))).isTrue();
        assertThat(ids.seen(new MessageId(4))).isTrue();
        assertThat(ids.size()).isEqualTo(3);
        assertThat(ids.duplicates()).isEqualTo(2);
    }

    @Test
    void rememberingAnIdTwiceKeepsOneEntry() {
        ReceivedIds ids = new ReceivedIds(2);
        ids.remember(new MessageId(1));
        ids.remember(new MessageId(1));
        ids.remember(new MessageId(2));

        assertThat(ids.seen(new MessageId(1))).isTrue();
        assertThat(ids.size()).isEqualTo(2);
    }
}
