package io.pushfleet.bench.push;

import io.pushfleet.bench.fleet.FleetListener;
import io.pushfleet.bench.stats.Samples;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.ReceiptStatus;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * The receiving side of one p2p run: push latency (receipt of the push minus the send time in its body) and
 * receipt latency (the {@code receipt} minus the send time in its {@code clientMsgId}), only for messages sent
 * inside the measuring window; plus duplicates, misrouted pushes and refused sends for every message.
 */
final class P2pRecorder implements FleetListener {

    private final long measureFrom;
    private final long measureUntil;
    private final IntUnaryOperator partner;
    private final Samples pushLatency = new Samples();
    private final Samples receiptLatency = new Samples();
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger misrouted = new AtomicInteger();
    private final AtomicInteger foreign = new AtomicInteger();
    private final AtomicInteger receipts = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile String lastRefusal = "";

    /** Measures messages sent in [{@code measureFrom}, {@code measureUntil}) ({@link System#nanoTime()}). */
    P2pRecorder(long measureFrom, long measureUntil, IntUnaryOperator partner) {
        this.measureFrom = measureFrom;
        this.measureUntil = measureUntil;
        this.partner = partner;
    }

    boolean measured(long sentNanos) {
        return sentNanos - measureFrom >= 0 && sentNanos - measureUntil < 0;
    }

    @Override
    public void onPush(int client, Frame.Push push, long nanos) {
        ChatBody body = ChatBody.parse(push.body().json());
        if (body == null) {
            foreign.incrementAndGet();
            return;
        }
        if (!seen.add(((long) body.sender() << 40) ^ body.seq())) {
            duplicates.incrementAndGet();
            return;
        }
        if (partner.applyAsInt(body.sender()) != client) {
            misrouted.incrementAndGet();
        }
        if (measured(body.sentNanos())) {
            pushLatency.add(nanos - body.sentNanos());
        }
    }

    @Override
    public void onReceipt(int client, Frame.Receipt receipt, long nanos) {
        receipts.incrementAndGet();
        if (receipt.status() != ReceiptStatus.ACCEPTED) {
            refused.incrementAndGet();
            lastRefusal = receipt.status() + " for client " + client;
            return;
        }
        long sent = ChatBody.sentNanosOf(receipt.clientMsgId());
        if (measured(sent)) {
            receiptLatency.add(nanos - sent);
        }
    }

    Samples pushLatency() {
        return pushLatency;
    }

    Samples receiptLatency() {
        return receiptLatency;
    }

    /** Distinct messages received, in or out of the window. */
    int received() {
        return seen.size();
    }

    int receipts() {
        return receipts.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    int misrouted() {
        return misrouted.get();
    }

    int foreign() {
        return foreign.get();
    }

    int refused() {
        return refused.get();
    }

    String lastRefusal() {
        return lastRefusal;
    }
}
