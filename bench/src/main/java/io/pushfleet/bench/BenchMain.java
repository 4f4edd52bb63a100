package io.pushfleet.bench;

import io.pushfleet.bench.auth.AuthCommand;
import io.pushfleet.bench.client.ClientCommand;
import io.pushfleet.bench.push.PushCommand;
import io.pushfleet.bench.storm.StormCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** Entry point of the command-line tools; each tool is a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "pushfleet bench 0.1",
        description = "pushfleet command-line tools.",
        subcommands = {ClientCommand.class, PushCommand.class, AuthCommand.class, StormCommand.class})
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its error handling: a failure while running (fleet unreachable, a file missing,
     * clients that did not connect) prints one line and exits 1; usage errors exit 2 as picocli does.
     */
    public static CommandLine commandLine() {
        return commandLine(System.out);
    }

    /** {@link #commandLine()} with {@code bench storm}'s report going to {@code out} (for tests). */
    public static CommandLine commandLine(PrintStream out) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new BenchMain(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == StormCommand.class ? cls.cast(new StormCommand(out)) : defaults.create(cls);
            }
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("bench: " + e);
            if (Boolean.getBoolean("bench.stacktrace")) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli;
    }
}
