package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a fake edge's peer received, in order; shared by the TCP and WebSocket fakes. */
final class PeerFrames {

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

    void add(Frame frame) {
        received.add(frame);
    }

    /** Input the fake could not decode, kept in order so a test sees it where it happened. */
    void addUndecodable(String description) {
        received.add(description);
    }

    <T extends Frame> T expect(Class<T> type) throws InterruptedException {
        while (true) {
            Object next = received.poll(FakeEdge.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no " + type.getSimpleName() + " from the client within " + FakeEdge.WAIT);
            }
            if (next instanceof Frame.Ping && type != Frame.Ping.class) {
                continue; // heartbeat noise
            }
            assertThat(next).as("next frame from the client").isInstanceOf(type);
            return type.cast(next);
        }
    }
}
