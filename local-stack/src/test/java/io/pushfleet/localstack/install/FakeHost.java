package io.pushfleet.localstack.install;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A machine in memory: executables are names in a map; running a command records it and may "install". */
public final class FakeHost implements Host {

    private final Map<String, Path> executables = new HashMap<>();
    private final List<List<String>> commands = new ArrayList<>();
    private final List<Map<String, String>> environments = new ArrayList<>();
    private boolean root;
    private boolean apt;
    private Consumer<List<String>> onRun = command -> { };

    public FakeHost withExecutable(String name) {
        executables.put(name, Path.of("/usr/bin", name));
        return this;
    }

    public FakeHost asRoot(boolean root) {
        this.root = root;
        return this;
    }

    public FakeHost withApt(boolean apt) {
        this.apt = apt;
        return this;
    }

    /** What a run command does to this machine, e.g. add the executables an install provides. */
    public FakeHost onRun(Consumer<List<String>> onRun) {
        this.onRun = onRun;
        return this;
    }

    public List<List<String>> commands() {
        return commands;
    }

    public List<Map<String, String>> environments() {
        return environments;
    }

    @Override
    public Optional<Path> findExecutable(String name) {
        return Optional.ofNullable(executables.get(name));
    }

    @Override
    public boolean isRoot() {
        return root;
    }

    @Override
    public boolean hasApt() {
        return apt;
    }

    @Override
    public void run(String what, List<String> command, Map<String, String> environment, Path log, Duration timeout) {
        commands.add(List.copyOf(command));
        environments.add(Map.copyOf(environment));
        onRun.accept(command);
    }
}
