package io.pushfleet.bench.fleet;

import io.pushfleet.model.frame.Frame;

import java.time.Duration;
import java.util.List;

/**
 * Thousands of authenticated TCP clients of a benchmark, connected once and kept alive with heartbeats; pushes
 * that ask for an ack are acked. Scenarios swap the {@link FleetListener} between phases and send frames by
 * client index. Two implementations: the lean {@link NettyFleet} (default) and {@link SdkFleet} over the
 * client SDK, to compare what a client costs.
 */
public interface ClientFleet extends AutoCloseable {

    /**
     * Connects and authenticates every client of {@code plan} with its token ({@code tokens.get(i)} for client
     * {@code i}), at most {@code concurrency} handshakes at a time. Returns once all are authenticated, or
     * throws naming how many failed and the first reasons.
     */
    void connect(FleetPlan plan, List<String> tokens, int concurrency, Duration timeout) throws InterruptedException;

    void listener(FleetListener listener);

    /** Sends a client-to-server frame from client {@code client}; never blocks. */
    void send(int client, Frame frame);

    /** Clients authenticated and not closed. */
    int open();

    /** Connections that ended after they authenticated (and were not closed by the fleet), with the last reason. */
    Drops drops();

    String describe();

    @Override
    void close();

    /** Connections lost during the run. */
    record Drops(int count, String lastReason) {
    }
}
