package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link SessionListener} that writes what it hears as short lines, for exact assertions. */
final class SessionEvents implements SessionListener {

    /** Lines like {@code connecting 0}, {@code connected edge-a}, {@code reconnecting 1 PT0.25S}, {@code closed ...}. */
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<Frame.Push> pushes = new CopyOnWriteArrayList<>();
    final List<Duration> delays = new CopyOnWriteArrayList<>();
    volatile SessionEnd end;
    /** Makes the next {@code onPush} throw, as an application that is not ready. */
    volatile boolean failNextPush;

    @Override
    public void onConnecting(int attempt) {
        lines.add("connecting " + attempt);
    }

    @Override
    public void onConnected(Frame.AuthOk authOk) {
        lines.add("connected " + authOk.nodeId());
    }

    @Override
    public void onReconnecting(int attempt, Duration delay, String why) {
        delays.add(delay);
        lines.add("reconnecting " + attempt + " " + delay);
    }

    @Override
    public void onClosed(SessionEnd end) {
        this.end = end;
        lines.add("closed " + end.getClass().getSimpleName());
    }

    @Override
    public void onPush(Frame.Push push) {
        if (failNextPush) {
            failNextPush = false;
            throw new IllegalStateException("application not ready");
        }
        pushes.add(push);
    }

    String last() {
        return lines.getLast();
    }
}
