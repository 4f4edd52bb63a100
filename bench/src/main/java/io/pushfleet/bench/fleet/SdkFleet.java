package io.pushfleet.bench.fleet;

import io.pushfleet.client.CloseReason;
import io.pushfleet.client.ConnectOptions;
import io.pushfleet.client.EdgeAddress;
import io.pushfleet.client.EdgeConnection;
import io.pushfleet.client.FrameListener;
import io.pushfleet.client.Transport;
import io.pushfleet.model.frame.Frame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * The fleet over the client SDK: one {@link EdgeConnection} per client, TCP transport, the SDK's own
 * heartbeats and auto-acks. For comparing what the SDK costs per connection with {@link NettyFleet}. The SDK
 * does not bind a source address, so {@link ClientSpec#source()} is ignored.
 */
public final class SdkFleet implements ClientFleet {

    private final AtomicInteger drops = new AtomicInteger();
    private volatile String lastDrop = "";
    private volatile FleetListener listener = FleetListener.NONE;
    private volatile boolean closing;
    private EdgeConnection[] connections = new EdgeConnection[0];

    @Override
    public void connect(FleetPlan plan, List<String> tokens, int concurrency, Duration timeout) throws InterruptedException {
        if (tokens.size() != plan.size()) {
            throw new IllegalArgumentException("tokens: " + tokens.size() + " (expected: " + plan.size() + ")");
        }
        ConnectOptions options = ConnectOptions.builder().transport(Transport.TCP).build();
        connections = new EdgeConnection[plan.size()];
        List<CompletableFuture<EdgeConnection>> opened = new ArrayList<>(plan.size());
        Semaphore permits = new Semaphore(concurrency);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ClientSpec spec : plan.clients()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            EdgeEndpoint e = spec.edge();
            int index = spec.index();
            CompletableFuture<EdgeConnection> f = EdgeConnection.open(
                    new EdgeAddress(e.nodeId(), e.wsUrl(), e.tcpHost(), e.tcpPort()), tokens.get(index), options,
                    new Listener(index));
            f.whenComplete((c, x) -> {
                permits.release();
                if (c != null) {
                    connections[index] = c;
                }
            });
            opened.add(f);
        }
        while (opened.size() < plan.size()) {
            opened.add(null);
        }
        Waiting.awaitAll(opened, deadline, "clients authenticated");
    }

    @Override
    public void listener(FleetListener listener) {
        this.listener = requireNonNull(listener, "listener");
    }

    @Override
    public void send(int client, Frame frame) {
        EdgeConnection c = connections[client];
        if (c != null) {
            // On TCP the SDK writes in the calling thread and may block; keep the caller's pace thread free.
            Thread.ofVirtual().start(() -> c.send(frame));
        }
    }

    @Override
    public int open() {
        int n = 0;
        for (EdgeConnection c : connections) {
            n += c != null && c.isOpen() ? 1 : 0;
        }
        return n;
    }

    @Override
    public Drops drops() {
        return new Drops(drops.get(), lastDrop);
    }

    @Override
    public String describe() {
        return "client SDK EdgeConnection over TCP (a virtual thread per connection)";
    }

    @Override
    public void close() {
        closing = true;
        for (EdgeConnection c : connections) {
            if (c != null) {
                c.close();
            }
        }
        for (EdgeConnection c : connections) {
            if (c != null) {
                c.closed().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
            }
        }
    }

    /** Forwards one connection's frames to the fleet's current listener, with its index. */
    private final class Listener implements FrameListener {
        private final int index;

        Listener(int index) {
            this.index = index;
        }

        @Override
        public void onPush(Frame.Push push) {
            listener.onPush(index, push, System.nanoTime());
        }

        @Override
        public void onReceipt(Frame.Receipt receipt) {
            listener.onReceipt(index, receipt, System.nanoTime());
        }

        @Override
        public void onClosed(CloseReason reason) {
            if (!closing) {
                drops.incrementAndGet();
                lastDrop = "client " + index + ": " + reason;
            }
        }
    }
}
