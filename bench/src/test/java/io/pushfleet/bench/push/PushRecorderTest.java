package io.pushfleet.bench.push;

import io.pushfleet.bench.stats.Percentiles;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PushRecorderTest {

    private final PushRecorder recorder = new PushRecorder(3, "run-7");

    @Test
    void countsMissingClientsDuplicatesAndOtherPushes() {
        recorder.onPush(0, push("{\"nonce\":\"run-7\"}"), 100);
        recorder.onPush(0, push("{\"nonce\":\"run-7\"}"), 150);
        recorder.onPush(2, push("{\"nonce\":\"run-7\"}"), 120);
        recorder.onPush(1, push("{\"nonce\":\"run-6\"}"), 130);

        assertThat(recorder.reached()).isEqualTo(2);
        assertThat(recorder.missing()).isEqualTo(1);
        assertThat(recorder.duplicates()).isEqualTo(1);
        assertThat(recorder.foreign()).isEqualTo(1);
    }

    @Test
    void lastIsTheLatestFirstArrivalNotALateDuplicate() {
        recorder.onPush(1, push("\"run-7\""), 300);
        recorder.onPush(0, push("\"run-7\""), 200);
        recorder.onPush(1, push("\"run-7\""), 900);

        assertThat(recorder.firstNanos()).isEqualTo(200);
        assertThat(recorder.lastNanos()).isEqualTo(300);
    }

    @Test
    void arrivalPercentilesCountEachReachedClientOnceFromTheGivenStart() {
        recorder.onPush(0, push("\"run-7\""), 1_300);
        recorder.onPush(1, push("\"run-7\""), 1_100);
        recorder.onPush(1, push("\"run-7\""), 9_000); // a duplicate: not a second arrival
        recorder.onPush(2, push("\"run-7\""), 1_200);

        Percentiles arrivals = recorder.arrivals(1_000);

        assertThat(arrivals.count()).isEqualTo(3);
        assertThat(arrivals.p50()).isEqualTo(200);
        assertThat(arrivals.max()).isEqualTo(300);
    }

    private static Frame.Push push(String body) {
        return new Frame.Push(new MessageId(1), new RawJson(body), false, null);
    }
}
