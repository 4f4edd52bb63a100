package io.pushfleet.localstack.server;

import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What every managed server has alike: its name, the loopback address and main port it binds, and its
 * directory. Subclasses add how to prepare, launch, recognise and probe their server.
 */
abstract class AbstractManagedServer implements ManagedServer {

    protected final String host;
    protected final int port;
    protected final Path directory;
    private final String name;

    AbstractManagedServer(String name, String host, int port, Path directory) {
        this.name = requireNonNull(name, "name");
        this.host = requireNonNull(host, "host");
        this.port = port;
        this.directory = requireNonNull(directory, "directory");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String host() {
        return host;
    }

    @Override
    public final int port() {
        return port;
    }

    @Override
    public final Path directory() {
        return directory;
    }

    @Override
    public Map<String, Integer> ports() {
        return Map.of(name, port);
    }
}
