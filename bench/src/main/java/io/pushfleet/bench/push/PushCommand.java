package io.pushfleet.bench.push;

import picocli.CommandLine.Command;

/** {@code bench push}: the benchmarks of admin pushes and chat; each scenario is a subcommand. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Push and chat benchmarks against a running fleet (see docs/benchmarks.md).",
        subcommands = {BatchCommand.class, BroadcastCommand.class, P2pCommand.class})
public final class PushCommand {
}
