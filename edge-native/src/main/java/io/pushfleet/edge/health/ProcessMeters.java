package io.pushfleet.edge.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.concurrent.EventExecutor;

import static java.util.Objects.requireNonNull;

/**
 * The process-level meters, from Micrometer's own binders: JVM memory, GC pauses and threads
 * ({@code jvm_*}), CPU and uptime ({@code process_*}, {@code system_*}), the Netty allocator every channel
 * and push encoder uses ({@code netty_allocator_*}) and, once the event loops exist, their queued tasks
 * ({@code netty_eventexecutor_tasks_pending}). {@link #close()} removes the GC notification listeners.
 */
public final class ProcessMeters implements AutoCloseable {

    private final MeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ProcessMeters(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Every allocator Netty ships (pooled, unpooled, adaptive) reports its memory; a custom one might not.
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
            new NettyAllocatorMetrics(allocator).bindTo(registry);
        }
    }

    /** Registers the queued-task gauges of the client event loops, one per loop. */
    public void bindEventLoops(Iterable<EventExecutor> loops) {
        new NettyEventExecutorMetrics(loops).bindTo(registry);
    }

    @Override
    public void close() {
        gc.close();
    }
}
