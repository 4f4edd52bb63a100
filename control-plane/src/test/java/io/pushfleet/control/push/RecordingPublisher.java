package io.pushfleet.control.push;

import java.util.ArrayList;
import java.util.List;

/** A {@link CommandPublisher} that keeps what it was given, one list per call; one call can be made to fail. */
final class RecordingPublisher implements CommandPublisher {

    final List<List<StreamCommand>> calls = new ArrayList<>();
    /** The number (from 1) of the call that fails, as if Redis went away; 0 for none. */
    int failingCall;
    private int callCount;

    @Override
    public void publish(List<StreamCommand> commands) {
        if (++callCount == failingCall) {
            throw new IllegalStateException("publish failed (test)");
        }
        calls.add(List.copyOf(commands));
    }

    List<StreamCommand> all() {
        return calls.stream().flatMap(List::stream).toList();
    }
}
