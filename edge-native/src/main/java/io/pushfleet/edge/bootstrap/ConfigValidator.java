package io.pushfleet.edge.bootstrap;

import io.lettuce.core.RedisURI;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems in the house format ({@code --ws-port (EDGE_WS_PORT): 70000 (expected: 0..65535)}). */
final class ConfigValidator {

    private final List<String> problems = new ArrayList<>();

    void problem(Setting s, String value, String expected) {
        problems.add(s.label() + ": " + value + " (expected: " + expected + ")");
    }

    void require(boolean ok, Setting s, String value, String expected) {
        if (!ok) {
            problem(s, value, expected);
        }
    }

    void range(Setting s, long value, long min, long max) {
        require(value >= min && value <= max, s, String.valueOf(value), min + ".." + max);
    }

    void port(Setting s, int port) {
        range(s, port, 0, 65535);
    }

    void distinctPorts(int ws, int tcp, int admin) {
        if ((ws != 0 && (ws == tcp || ws == admin)) || (tcp != 0 && tcp == admin)) {
            problems.add("ports: ws=" + ws + ", tcp=" + tcp + ", admin=" + admin + " (expected: distinct, or 0)");
        }
    }

    void duration(Setting s, Duration d, Duration min, Duration max) {
        if (d == null) {
            problem(s, "missing", "a duration");
        } else if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(s, Durations.format(d), Durations.format(min) + ".." + Durations.format(max));
        }
    }

    void text(Setting s, String value) {
        require(value != null && !value.isBlank(), s, value == null ? "missing" : "'" + value + "'", "non-blank text");
    }

    void host(Setting s, String host) {
        boolean ok = host != null && !host.isBlank() && host.chars().noneMatch(c -> Character.isWhitespace(c) || c == '/');
        require(ok, s, host == null ? "missing" : "'" + host + "'", "a host name or IP address");
    }

    void redisUri(String uri) {
        if (uri == null || uri.isBlank()) {
            problem(Setting.REDIS_URI, "missing", "a Redis URI such as redis://host:6379");
            return;
        }
        try {
            RedisURI.create(uri);
        } catch (IllegalArgumentException e) {
            problem(Setting.REDIS_URI, "'" + Secrets.maskUri(uri) + "'", "a Redis URI such as redis://host:6379");
        }
    }

    /** Empty (Kafka off) or a comma-separated list of host:port. */
    void kafkaBootstrap(String servers) {
        if (servers == null) {
            return;
        }
        for (String server : servers.split(",", -1)) {
            int colon = server.lastIndexOf(':');
            boolean ok = colon > 0 && colon < server.length() - 1 && server.chars().noneMatch(Character::isWhitespace);
            if (ok) {
                try {
                    int port = Integer.parseInt(server.substring(colon + 1));
                    ok = port >= 1 && port <= 65535;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                problem(Setting.KAFKA_BOOTSTRAP, "'" + servers + "'", "host:port[,host:port...]");
                return;
            }
        }
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    static String defaultAdvertisedHost(String bindHost) {
        if (bindHost == null || bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]")) {
            return "127.0.0.1";
        }
        return bindHost;
    }
}
