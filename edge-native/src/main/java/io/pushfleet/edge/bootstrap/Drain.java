package io.pushfleet.edge.bootstrap;

import io.pushfleet.edge.chat.UplinkProducer;
import io.pushfleet.edge.delivery.AckBatcher;
import io.pushfleet.edge.delivery.StreamReader;
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

    /** Closes every client with GOING_AWAY and waits up to {@code timeout} for the connections to end. */
    static void closeClients(SessionSweeper sweeper, ConnectionRegistry connections, Duration timeout) {
        if (connections.openCount() == 0) {
            return;
        }
        sweeper.closeAll(CloseCode.GOING_AWAY, "node shutting down");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connections.openCount() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        if (connections.openCount() > 0) {
            log.warn("{} connections still open after {} ms; closing anyway", connections.openCount(), timeout.toMillis());
        }
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
