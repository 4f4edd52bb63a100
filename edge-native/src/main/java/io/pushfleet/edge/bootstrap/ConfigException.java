package io.pushfleet.edge.bootstrap;

import java.util.List;

/** Configuration that cannot run, with every problem found; the process exits with code 2. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(format(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        StringBuilder sb = new StringBuilder("invalid configuration:");
        for (String p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.append("\nrun with --help to list every setting").toString();
    }
}
