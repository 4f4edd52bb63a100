package io.pushfleet.edge.delivery;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionState;
import io.pushfleet.edge.session.SessionSweeper;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.edge.session.UserSessions;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Writes one push frame to this node's connections (DESIGN 6): to every device of listed users
 * ({@link #deliver}) or to every authenticated connection ({@link #broadcast}). The frame is encoded once per
 * wire, and the writes are grouped by event loop: ONE task per loop writes a retained duplicate to each of
 * that loop's connections, so no task and no encoding is per connection. A connection over its write
 * high-water mark is skipped (the sweep closes it as a slow consumer; its outbound buffer never grows past
 * the mark because of a push), as is one that is closing.
 *
 * <p>"Written" means the write was issued on a writable, open connection; completion is not awaited (that
 * would cost a promise per connection, and a client's {@code ack} is the end-to-end signal anyway).
 *
 * <p>Thread-safe; call from any thread but an event loop's own fan-out. The result callback runs once, on
 * the event loop that finished last, or on the caller's thread when no connection was involved. It must not
 * block.
 */
public final class LocalDelivery {

    private static final Logger log = LoggerFactory.getLogger(LocalDelivery.class);

    /**
     * The result of {@link #deliver}: {@code written} users had at least one device's write issued;
     * {@code absent} had none (no session here, or every device closing or unwritable). {@code loops} is the
     * number of event-loop tasks, {@code writes} the number of connections written.
     */
    public record Outcome(List<UserId> written, List<UserId> absent, int loops, int writes) {
    }

    /** The result of {@link #broadcast}: the users written (sorted, distinct), tasks and connections written. */
    public record BroadcastOutcome(long[] users, int loops, int writes) {
    }

    private final UserSessions users;
    private final SessionSweeper sweeper;
    private final PushEncoder encoder;
    private final EdgeMetrics metrics;

    public LocalDelivery(UserSessions users, SessionSweeper sweeper, PushEncoder encoder, EdgeMetrics metrics) {
        this.users = requireNonNull(users, "users");
        this.sweeper = requireNonNull(sweeper, "sweeper");
        this.encoder = requireNonNull(encoder, "encoder");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /**
     * Writes {@code frame} to every local device of {@code targets} (duplicates count once).
     *
     * @throws io.pushfleet.model.codec.ProtocolException when the frame is over the frame limit; nothing is
     *     written and {@code done} is not called
     */
    public void deliver(Frame.Push frame, List<UserId> targets, Consumer<Outcome> done) {
        List<UserId> distinct = distinct(targets);
        Grouping grouping = new Grouping();
        for (int i = 0; i < distinct.size(); i++) {
            grouping.target = i;
            users.forEach(distinct.get(i), grouping);
        }
        if (grouping.batches.isEmpty()) {
            done.accept(new Outcome(List.of(), distinct, 0, 0));
            return;
        }
        TargetedFanOut fanOut = new TargetedFanOut(distinct, encoder.encode(frame, grouping.wires),
                grouping.batches.size(), done);
        for (LoopBatch batch : grouping.batches) {
            submit(batch.loop, () -> fanOut.run(batch), fanOut);
        }
    }

    /**
     * Writes {@code frame} to every authenticated connection of this node: one task per event loop walks that
     * loop's sessions.
     *
     * @throws io.pushfleet.model.codec.ProtocolException when the frame is over the frame limit
     */
    public void broadcast(Frame.Push frame, Consumer<BroadcastOutcome> done) {
        List<EventLoop> loops = sweeper.loops();
        if (loops.isEmpty()) {
            done.accept(new BroadcastOutcome(new long[0], 0, 0));
            return;
        }
        BroadcastFanOut fanOut = new BroadcastFanOut(encoder.encode(frame, EnumSet.allOf(PushWire.class)), loops.size(), done);
        for (int i = 0; i < loops.size(); i++) {
            int slot = i;
            EventLoop loop = loops.get(i);
            submit(loop, () -> fanOut.run(slot, loop), fanOut);
        }
    }

    private static void submit(EventLoop loop, Runnable task, FanOut fanOut) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The loop is shutting down: its connections are closing, nothing to write there.
            fanOut.arrive();
        }
    }

    private static List<UserId> distinct(List<UserId> targets) {
        if (targets.size() < 2 || new HashSet<>(targets).size() == targets.size()) {
            return targets;
        }
        return List.copyOf(new LinkedHashSet<>(targets));
    }

    /** Writes the push to one session if it can take it; counts the outcome in {@code tally}. */
    private static boolean write(Session s, EncodedPush encoded, Tally tally) {
        Channel ch = s.channel();
        if (s.state() != SessionState.OPEN || !ch.isActive()) {
            return false;
        }
        if (!ch.isWritable()) {
            tally.unwritable++;
            return false;
        }
        ch.writeAndFlush(encoded.duplicateFor(PushWire.of(s)), ch.voidPromise());
        if (s.transport() == Transport.TCP) {
            tally.tcp++;
        } else {
            tally.ws++;
        }
        return true;
    }

    /** Writes counted on one loop, reported to the metrics once per task. */
    private final class Tally {
        int tcp;
        int ws;
        int unwritable;

        int writes() {
            return tcp + ws;
        }

        void report() {
            metrics.pushesWritten(Transport.TCP, tcp);
            metrics.pushesWritten(Transport.WEBSOCKET, ws);
            metrics.pushesUnwritable(unwritable);
        }
    }

    /** Sessions of the targets, grouped by event loop, and the wires they need. */
    private static final class Grouping implements Consumer<Session> {
        final List<LoopBatch> batches = new ArrayList<>(4);
        final EnumSet<PushWire> wires = EnumSet.noneOf(PushWire.class);
        int target;

        @Override
        public void accept(Session s) {
            EventLoop loop = s.channel().eventLoop();
            LoopBatch batch = null;
            // Few loops (one per core): a linear search beats hashing.
            for (LoopBatch b : batches) {
                if (b.loop == loop) {
                    batch = b;
                    break;
                }
            }
            if (batch == null) {
                batch = new LoopBatch(loop);
                batches.add(batch);
            }
            batch.add(s, target);
            wires.add(PushWire.of(s));
        }
    }

    /** The sessions one loop task writes, each with the index of its target user. */
    private static final class LoopBatch {
        final EventLoop loop;
        Session[] sessions = new Session[8];
        int[] targets = new int[8];
        int size;

        LoopBatch(EventLoop loop) {
            this.loop = loop;
        }

        void add(Session s, int target) {
            if (size == sessions.length) {
                sessions = Arrays.copyOf(sessions, size * 2);
                targets = Arrays.copyOf(targets, size * 2);
            }
            sessions[size] = s;
            targets[size] = target;
            size++;
        }
    }

    /** Counts loop tasks down; the last one releases the encoded frame and reports. */
    private abstract static class FanOut {
        private final AtomicInteger pending;
        final EncodedPush encoded;

        FanOut(EncodedPush encoded, int tasks) {
            this.encoded = encoded;
            this.pending = new AtomicInteger(tasks);
        }

        /** One task is done (or was never run); the atomic count also publishes its results to the last one. */
        final void arrive() {
            if (pending.decrementAndGet() == 0) {
                encoded.release();
                try {
                    complete();
                } catch (RuntimeException e) {
                    log.warn("push result handling failed", e);
                }
            }
        }

        abstract void complete();
    }

    private final class TargetedFanOut extends FanOut {
        private final List<UserId> targets;
        private final boolean[] written;
        private final int loops;
        private final Consumer<Outcome> done;
        private final AtomicInteger writes = new AtomicInteger();

        TargetedFanOut(List<UserId> targets, EncodedPush encoded, int loops, Consumer<Outcome> done) {
            super(encoded, loops);
            this.targets = targets;
            this.written = new boolean[targets.size()];
            this.loops = loops;
            this.done = done;
        }

        void run(LoopBatch batch) {
            Tally tally = new Tally();
            try {
                for (int i = 0; i < batch.size; i++) {
                    if (write(batch.sessions[i], encoded, tally)) {
                        written[batch.targets[i]] = true;
                    }
                }
            } finally {
                tally.report();
                writes.addAndGet(tally.writes());
                arrive();
            }
        }

        @Override
        void complete() {
            List<UserId> yes = new ArrayList<>(targets.size());
            List<UserId> no = new ArrayList<>();
            for (int i = 0; i < written.length; i++) {
                (written[i] ? yes : no).add(targets.get(i));
            }
            done.accept(new Outcome(yes, no, loops, writes.get()));
        }
    }

    private final class BroadcastFanOut extends FanOut {
        private final long[][] usersPerLoop;
        private final int[] writesPerLoop;
        private final Consumer<BroadcastOutcome> done;

        BroadcastFanOut(EncodedPush encoded, int loops, Consumer<BroadcastOutcome> done) {
            super(encoded, loops);
            this.usersPerLoop = new long[loops][];
            this.writesPerLoop = new int[loops];
            this.done = done;
        }

        void run(int slot, EventLoop loop) {
            Tally tally = new Tally();
            LongList written = new LongList();
            try {
                sweeper.forEachSession(loop, s -> {
                    if (write(s, encoded, tally)) {
                        written.add(s.userId().value());
                    }
                });
            } finally {
                tally.report();
                usersPerLoop[slot] = written.toArray();
                writesPerLoop[slot] = tally.writes();
                arrive();
            }
        }

        @Override
        void complete() {
            int total = 0;
            int writes = 0;
            for (int i = 0; i < usersPerLoop.length; i++) {
                total += usersPerLoop[i] == null ? 0 : usersPerLoop[i].length;
                writes += writesPerLoop[i];
            }
            long[] all = new long[total];
            int at = 0;
            for (long[] part : usersPerLoop) {
                if (part != null) {
                    System.arraycopy(part, 0, all, at, part.length);
                    at += part.length;
                }
            }
            done.accept(new BroadcastOutcome(LongList.sortedDistinct(all), usersPerLoop.length, writes));
        }
    }
}
