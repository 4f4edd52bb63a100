package io.pushfleet.bench;

import io.pushfleet.bench.client.ClientCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the command-line tools; each tool is a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "pushfleet bench 0.1",
        description = "pushfleet command-line tools.",
        subcommands = {ClientCommand.class})
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
