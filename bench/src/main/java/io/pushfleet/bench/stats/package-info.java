/**
 * Numbers of the benchmarks: latency samples and their percentiles ({@link io.pushfleet.bench.stats.Percentiles}),
 * one figure per run summarised as median and range ({@link io.pushfleet.bench.stats.RunSeries}), and the
 * plain-text table every scenario prints ({@link io.pushfleet.bench.stats.Table}). No I/O, no threads.
 */
package io.pushfleet.bench.stats;
