package io.pushfleet.bench.client;

import io.pushfleet.client.CloseReason;
import io.pushfleet.client.FrameListener;
import io.pushfleet.model.frame.Frame;

import java.io.PrintStream;

/** Prints each frame the client receives (pongs only as a count) as one line. */
final class PrintingListener implements FrameListener {

    private final PrintStream out;

    PrintingListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onPush(Frame.Push push) {
        out.println("push " + push.msgId() + (push.from() != null ? " from " + push.from() : "") + ": " + push.body());
    }

    @Override
    public void onReceipt(Frame.Receipt receipt) {
        out.println("receipt " + receipt);
    }

    @Override
    public void onReconnect(Frame.Reconnect reconnect) {
        out.println("reconnect requested in " + reconnect.delay() + ": " + reconnect.reason());
    }

    @Override
    public void onError(Frame.Error error) {
        out.println("error " + error.code() + ": " + error.message());
    }

    @Override
    public void onClosed(CloseReason reason) {
        out.println("connection closed: " + reason);
    }
}
