/** Command-line tools; {@link io.pushfleet.bench.BenchMain} lists them as subcommands. */
package io.pushfleet.bench;
