/**
 * The connection-storm load generator, {@code bench storm} (docs/benchmarks.md). The orchestrator ({@link
 * io.pushfleet.bench.storm.StormCommand}, run by {@link io.pushfleet.bench.storm.StormRun}) starts edge
 * processes ({@link io.pushfleet.bench.storm.EdgeLauncher}) and worker processes ({@link
 * io.pushfleet.bench.storm.WorkerProcess}), each a {@link io.pushfleet.bench.storm.StormWorkerCommand} holding
 * its slice of connections in {@link io.pushfleet.bench.storm.StormClients}; workers talk back in {@link
 * io.pushfleet.bench.storm.WorkerReport} lines, summed by {@link io.pushfleet.bench.storm.StormTotals} and
 * printed by {@link io.pushfleet.bench.storm.StormReport}. Start at {@code StormRun}.
 */
package io.pushfleet.bench.storm;
