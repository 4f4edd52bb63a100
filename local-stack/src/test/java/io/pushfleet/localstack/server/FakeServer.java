package io.pushfleet.localstack.server;

import io.pushfleet.localstack.install.Binaries;
import io.pushfleet.localstack.install.Binary;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** A "server" that is a real {@code sleep} process; whether it answers is up to the test. */
final class FakeServer implements ManagedServer {

    final AtomicBoolean answering = new AtomicBoolean();
    private final int port;
    private final Path directory;
    private final List<String> command;

    FakeServer(int port, Path directory, List<String> command) {
        this.port = port;
        this.directory = directory;
        this.command = command;
    }

    /** Sleeps for an odd number of seconds that no other process on the machine uses. */
    static FakeServer sleeping(int port, Path directory) {
        String seconds = "3" + (System.nanoTime() % 1_000_000) + ".5";
        return new FakeServer(port, directory, List.of("sleep", seconds));
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Map<String, Integer> ports() {
        return Map.of("fake", port);
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public Set<Binary> requiredBinaries() {
        return EnumSet.of(Binary.SETSID);
    }

    @Override
    public boolean isServerCommandLine(String commandLine) {
        return commandLine.contains(String.join(" ", command));
    }

    @Override
    public boolean usesConfiguredPorts(String commandLine) {
        return true;
    }

    @Override
    public boolean answers() {
        return answering.get();
    }

    @Override
    public void prepare(Binaries binaries) {
    }

    @Override
    public List<String> command(Binaries binaries) {
        return command;
    }
}
