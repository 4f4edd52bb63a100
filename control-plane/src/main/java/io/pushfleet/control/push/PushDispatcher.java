package io.pushfleet.control.push;

import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.web.TraceIds;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@link TaskRouter} on a small pool of this process's own threads: right after a task is accepted,
 * and for every task a recovery pass finds unclaimed (at startup and every
 * {@code push.tasks.recovery-interval}: tasks still {@code accepted} because their process died after the
 * 202 or its queue was full, and tasks whose router's lease expired). A task runs here only after this
 * process claimed it in the database, so several control planes never route the same task at once.
 */
@ApplicationScoped
public class PushDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);
    static final int QUEUE_CAPACITY = 1000;
    static final int RECOVERY_BATCH = 100;

    private final PushTaskRepository tasks;
    private final TaskRouter router;
    private final PushMetrics metrics;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final ThreadPoolExecutor executor;
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private final IntervalLog queueFull = new IntervalLog(LOG, Duration.ofSeconds(30));
    private final IntervalLog recoveryFailed = new IntervalLog(LOG, Duration.ofMinutes(1));
    private volatile boolean stopping;

    public PushDispatcher(PushConfig config, PushTaskRepository tasks, TaskRouter router, PushMetrics metrics,
                          Clock clock, ProcessIdentity identity) {
        this.tasks = tasks;
        this.router = router;
        this.metrics = metrics;
        this.clock = clock;
        this.owner = identity.name();
        this.lease = config.tasks().lease();
        AtomicInteger threads = new AtomicInteger();
        int size = config.tasks().routerThreads();
        this.executor = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, "push-router-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Queues the task for routing here; if the queue is full it stays accepted for the next recovery pass. */
    public void dispatch(long taskId) {
        if (stopping || !queued.add(taskId)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    route(taskId);
                } finally {
                    queued.remove(taskId);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(taskId);
            queueFull.warn("router queue full ({} tasks): taskId={} left for the next recovery pass", QUEUE_CAPACITY,
                    taskId);
        }
    }

    /** Dispatches tasks nobody routes (a recovery pass); returns how many were found. */
    public int recover() {
        List<Long> ids = tasks.unclaimed(clock.instant(), RECOVERY_BATCH);
        ids.forEach(this::dispatch);
        return ids.size();
    }

    void onStart(@Observes StartupEvent event) {
        recoverLogged();
    }

    @Scheduled(every = "${push.tasks.recovery-interval}", delayed = "${push.tasks.recovery-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recoverLogged() {
        try {
            int found = recover();
            if (found > 0) {
                LOG.info("recovery pass: {} unrouted push tasks dispatched", found);
            }
        } catch (RuntimeException e) {
            recoveryFailed.warn("recovery pass failed, retrying next interval: {}", e.toString());
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("push routers still busy at shutdown; their tasks resume elsewhere after the lease ({})", lease);
        }
    }

    private void route(long taskId) {
        Instant now = clock.instant();
        Optional<PushTask> claimed = tasks.claim(taskId, owner, now, now.plus(lease));
        if (claimed.isEmpty()) {
            return;
        }
        PushTask task = claimed.get();
        MDC.put(TraceIds.MDC_KEY, task.traceId());
        long start = System.nanoTime();
        try {
            if (router.route(task, owner, () -> stopping)) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                metrics.routed(took);
                // DEBUG: one line per push would be one per message; pushfleet.push.routing has the figures.
                LOG.debug("taskId={} msgId={} target={} routed from cursor {} in {} ms", taskId, task.msgId(),
                        task.kind().dbValue(), task.cursor(), took.toMillis());
            } else {
                LOG.info("taskId={} handed back at shutdown", taskId);
            }
        } catch (LeaseLostException e) {
            LOG.warn("taskId={} taken over by another control plane (lease {} expired)", taskId, lease);
        } catch (RuntimeException e) {
            LOG.warn("taskId={} routing failed, handed back for the next recovery pass: {}", taskId, e.toString());
            try {
                tasks.release(taskId, owner);
            } catch (RuntimeException ignored) {
                // The database is likely away too; the lease expires and recovery takes the task then.
            }
        } finally {
            MDC.remove(TraceIds.MDC_KEY);
        }
    }
}
