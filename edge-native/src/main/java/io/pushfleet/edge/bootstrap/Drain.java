package io.pushfleet.edge.bootstrap;

import io.pushfleet.edge.chat.UplinkProducer;
import io.pushfleet.edge.delivery.AckBatcher;
import io.pushfleet.edge.delivery.StreamReader;
import io.pushfleet.edge.registry.NodeDrain;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.SessionSweeper;
import io.pushfleet.model.frame.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/** Shutdown steps that wait, each bounded by its own timeout. */
final class Drain {

    private static final Logger log = LoggerFactory.getLogger(Drain.class);

    private Drain() {
    }

    /**
     * DESIGN 3.10: shutdown drains first. Asks every client to reconnect elsewhere and waits until they have
     * left or {@code timeout} passed; a zero timeout, or no drain yet (start-up), skips this.
     */
    static void moveClients(NodeDrain drain, ConnectionRegistry connections, Duration timeout) {
        if (drain == null || timeout.isZero() || connections.openCount() == 0) {
            return;
        }
        drain.shutdown();
        if (awaitNoConnections(connections, timeout)) {
            log.info("every client left before the drain timeout");
        } else {
            log.info("{} connections still open after the drain timeout of {} ms", connections.openCount(),
                    timeout.toMillis());
        }
    }

    /** Closes every client with GOING_AWAY and waits up to {@code timeout} for the connections to end. */
    static void closeClients(SessionSweeper sweeper, ConnectionRegistry connections, Duration timeout) {
        if (connections.openCount() == 0) {
            return;
        }
        sweeper.closeAll(CloseCode.GOING_AWAY, "node shutting down");
        if (!awaitNoConnections(connections, timeout)) {
            log.warn("{} connections still open after {} ms; closing anyway", connections.openCount(), timeout.toMillis());
        }
    }

    private static boolean awaitNoConnections(ConnectionRegistry connections, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connections.openCount() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return connections.openCount() == 0;
    }

    /** Appends the acks still pending, waiting up to {@code timeout} for Redis to answer. */
    static void flushAcks(AckBatcher acks, Duration timeout) {
        if (acks == null) {
            return;
        }
        try {
            acks.flush().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("pending acks not appended at shutdown: {}", e.toString());
        }
    }

    /** Lets records in flight reach Kafka (their senders are gone, the records still count), then closes. */
    static void closeUplinks(UplinkProducer uplinks, Duration timeout) {
        if (uplinks != null) {
            uplinks.close(timeout);
        }
    }

    static void stopReader(StreamReader reader, Duration timeout) {
        if (reader == null) {
            return;
        }
        try {
            reader.stop(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
