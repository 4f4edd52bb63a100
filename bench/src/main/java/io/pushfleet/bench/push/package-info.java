/**
 * The push and chat benchmarks, {@code bench push batch|broadcast|p2p} (docs/benchmarks.md). Each command
 * validates its settings, opens a {@link io.pushfleet.bench.push.BenchSession} (edges, minted tokens,
 * connected clients), runs warm-ups and measured runs, and prints one table. Start at
 * {@link io.pushfleet.bench.push.BatchCommand}.
 */
package io.pushfleet.bench.push;
