package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An {@link Inbox} that also records {@code onClosed} calls and can run a hook (which may throw) on pushes. */
final class RecordingListener implements FrameListener {

    final Inbox inbox = new Inbox();
    final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private volatile Consumer<Frame.Push> onPush = push -> { };

    RecordingListener onPushDo(Consumer<Frame.Push> hook) {
        this.onPush = hook;
        return this;
    }

    @Override
    public void onPush(Frame.Push push) {
        onPush.accept(push);
        inbox.onPush(push);
    }

    @Override
    public void onReceipt(Frame.Receipt receipt) {
        inbox.onReceipt(receipt);
    }

    @Override
    public void onReconnect(Frame.Reconnect reconnect) {
        inbox.onReconnect(reconnect);
    }

    @Override
    public void onError(Frame.Error error) {
        inbox.onError(error);
    }

    @Override
    public void onPong(Frame.Pong pong) {
        inbox.onPong(pong);
    }

    @Override
    public void onClosed(CloseReason reason) {
        closes.add(reason);
    }
}
