package io.pushfleet.localstack;

import io.pushfleet.localstack.LocalStack.Service;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Command line for the local run: {@code start}, {@code stop} and {@code status} of the {@code dev} or
 * {@code test} instance; {@code local-stack/bin/local-stack} runs it.
 *
 * <p>Exit code 0 on success, 1 when a server cannot be installed, started or stopped (the message says
 * why), 2 on a usage error.
 */
@Command(name = "local-stack", mixinStandardHelpOptions = true,
        subcommands = {LocalStackCli.Start.class, LocalStackCli.Stop.class, LocalStackCli.Status.class},
        description = "Starts and stops Redis, MariaDB and Kafka on loopback ports for pushfleet, without Docker.")
public final class LocalStackCli implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, for {@link #main} and tests. */
    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new LocalStackCli()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof LocalStackException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("local-stack: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: start, stop or status");
    }

    /** The {@code --instance} option shared by all commands. */
    static final class InstanceOption {

        @Option(names = "--instance", defaultValue = "dev", paramLabel = "dev|test",
                description = "Which instance: dev (local run) or test (integration tests). Default: ${DEFAULT-VALUE}.")
        String instance;

        LocalStack stack() {
            return LocalStack.create(LocalStackConfig.forInstance(instance, StackEnvironment.current()));
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts the servers, or reuses running ones, and prints how to reach them.")
    static final class Start implements Callable<Integer> {

        @Mixin
        InstanceOption instance;

        @Option(names = "--services", split = ",", paramLabel = "redis,mariadb,kafka",
                description = "Which servers to start. Default: all.")
        List<Service> services = List.of(Service.values());

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LocalStack stack = instance.stack().start(services.toArray(Service[]::new));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("local-stack %s is up (data in %s)%n", stack.config().instance(), stack.dataDir());
            if (services.contains(Service.REDIS)) {
                out.printf("  redis    %s%n", stack.redisUri());
            }
            if (services.contains(Service.MARIADB)) {
                out.printf("  mariadb  %s  user %s  password %s (local only)%n",
                        stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
            }
            if (services.contains(Service.KAFKA)) {
                out.printf("  kafka    %s%n", stack.kafkaBootstrap());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops the servers this instance's pid files name (SIGTERM, then SIGKILL after a timeout).")
    static final class Stop implements Callable<Integer> {

        @Mixin
        InstanceOption instance;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LocalStack stack = instance.stack();
            stack.stop();
            spec.commandLine().getOut().printf("local-stack %s is stopped%n", stack.config().instance());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Prints each server's port, pid and whether it is up.")
    static final class Status implements Callable<Integer> {

        @Mixin
        InstanceOption instance;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LocalStack stack = instance.stack();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("local-stack %s (data in %s)%n", stack.config().instance(), stack.dataDir());
            out.printf("%-8s %-6s %-8s %s%n", "SERVICE", "PORT", "PID", "STATE");
            for (ServiceStatus status : stack.status()) {
                String pid = status.pid().isPresent() ? Long.toString(status.pid().getAsLong()) : "-";
                out.printf("%-8s %-6d %-8s %s%n", status.service().name().toLowerCase(Locale.ROOT),
                        status.port(), pid, status.state().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            out.flush();
            return 0;
        }
    }
}
