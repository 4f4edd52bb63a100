package io.pushfleet.edge.bootstrap;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.token.TokenCrypto;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Reads an {@link EdgeConfig} from command-line flags and environment variables (a flag wins over its
 * variable, the variable over the default; see {@link Setting}). Flags are parsed with picocli's programmatic
 * API, so nothing is found by reflection. Every problem is collected and reported at once.
 */
public final class EdgeConfigLoader {

    private static final int MAX_NODE_ID = NodeId.MAX_LENGTH;

    private final Map<String, String> env;

    /** {@code env} is the process environment (or a test's map); {@code HOSTNAME} in it names the default node. */
    public EdgeConfigLoader(Map<String, String> env) {
        this.env = requireNonNull(env, "env");
    }

    /**
     * The configuration, or empty when {@code --help} was asked for (usage is printed to {@code out}).
     *
     * @throws ConfigException listing every bad flag or value
     */
    public Optional<EdgeConfig> load(String[] args, PrintWriter out) {
        CommandLine commandLine = new CommandLine(spec());
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new ConfigException(List.of(e.getMessage()));
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            out.flush();
            return Optional.empty();
        }
        return Optional.of(build(parsed));
    }

    private EdgeConfig build(ParseResult parsed) {
        List<String> problems = new ArrayList<>();
        EdgeConfig.Builder b = EdgeConfig.builder();
        Values v = new Values(parsed, problems);
        b.nodeId(defaultNodeId());
        v.set(Setting.NODE_ID, NodeId::new, "1..64 characters of [A-Za-z0-9._-]", b::nodeId);
        v.set(Setting.BIND_HOST, Function.identity(), "a host", b::bindHost);
        v.set(Setting.ADVERTISED_HOST, Function.identity(), "a host", b::advertisedHost);
        v.set(Setting.WS_PORT, Integer::parseInt, "a port number", b::wsPort);
        v.set(Setting.TCP_PORT, Integer::parseInt, "a port number", b::tcpPort);
        v.set(Setting.ADMIN_PORT, Integer::parseInt, "a port number", b::adminPort);
        v.set(Setting.REDIS_URI, Function.identity(), "a Redis URI", b::redisUri);
        v.set(Setting.TOKEN_ISSUER, Function.identity(), "text", b::tokenIssuer);
        v.set(Setting.TOKEN_AUDIENCE, Function.identity(), "text", b::tokenAudience);
        v.set(Setting.TOKEN_CLOCK_SKEW, Durations::parse, Durations.EXPECTED, b::tokenClockSkew);
        v.set(Setting.TOKEN_CRYPTO, EdgeConfigLoader::tokenCrypto, "auto, conscrypt or jdk", b::tokenCrypto);
        v.set(Setting.JWKS_FILE, Path::of, "a file path", b::jwksFile);
        v.set(Setting.JWKS_REFRESH, Durations::parse, Durations.EXPECTED, b::jwksRefresh);
        v.set(Setting.MAX_FRAME_BYTES, Integer::parseInt, "a whole number of bytes", b::maxFrameBytes);
        v.set(Setting.AUTH_TIMEOUT, Durations::parse, Durations.EXPECTED, b::authTimeout);
        v.set(Setting.HEARTBEAT_INTERVAL, Durations::parse, Durations.EXPECTED, b::heartbeatInterval);
        v.set(Setting.HEARTBEAT_MISSES, Integer::parseInt, "a whole number", b::heartbeatMisses);
        v.set(Setting.MAX_FRAMES_PER_SECOND, Integer::parseInt, "a whole number", b::maxFramesPerSecond);
        v.set(Setting.CONNECT_RATE_PER_IP, Integer::parseInt, "a whole number", b::connectRatePerIp);
        v.set(Setting.CONNECT_BURST_PER_IP, Integer::parseInt, "a whole number", b::connectBurstPerIp);
        v.set(Setting.SLOW_CONSUMER_TIMEOUT, Durations::parse, Durations.EXPECTED, b::slowConsumerTimeout);
        v.set(Setting.WRITE_BUFFER_LOW, Integer::parseInt, "a whole number of bytes", b::writeBufferLow);
        v.set(Setting.WRITE_BUFFER_HIGH, Integer::parseInt, "a whole number of bytes", b::writeBufferHigh);
        v.set(Setting.CAPACITY, Integer::parseInt, "a whole number", b::capacity);
        v.set(Setting.IO_THREADS, Integer::parseInt, "a whole number", b::ioThreads);
        v.set(Setting.TRANSPORT, EdgeConfigLoader::transport, "auto, epoll or nio", b::transport);
        v.set(Setting.REUSE_PORT, EdgeConfigLoader::bool, "true or false", b::reusePort);
        v.set(Setting.REGISTRY_INTERVAL, Durations::parse, Durations.EXPECTED, b::registryInterval);
        v.set(Setting.SHUTDOWN_TIMEOUT, Durations::parse, Durations.EXPECTED, b::shutdownTimeout);
        v.set(Setting.PORTS_FILE, Path::of, "a file path", b::portsFile);
        v.set(Setting.KAFKA_BOOTSTRAP, Function.identity(), "host:port[,host:port...]", b::kafkaBootstrap);
        v.set(Setting.KAFKA_LINGER, Durations::parse, Durations.EXPECTED, b::kafkaLinger);
        v.set(Setting.KAFKA_DELIVERY_TIMEOUT, Durations::parse, Durations.EXPECTED, b::kafkaDeliveryTimeout);
        v.set(Setting.ACK_FLUSH_INTERVAL, Durations::parse, Durations.EXPECTED, b::ackFlushInterval);
        v.set(Setting.ACK_BATCH_SIZE, Integer::parseInt, "a whole number", b::ackBatchSize);
        v.set(Setting.DRAIN_RATE, Integer::parseInt, "a whole number per second", b::drainRate);
        v.set(Setting.DRAIN_SHUTDOWN_RATE, Integer::parseInt, "a whole number per second", b::drainShutdownRate);
        v.set(Setting.DRAIN_JITTER, Durations::parse, Durations.EXPECTED, b::drainJitter);
        v.set(Setting.DRAIN_GRACE, Durations::parse, Durations.EXPECTED, b::drainGrace);
        v.set(Setting.DRAIN_TIMEOUT, Durations::parse, Durations.EXPECTED, b::drainTimeout);
        v.set(Setting.SEND_DEDUPE_WINDOW, Durations::parse, Durations.EXPECTED, b::sendDedupeWindow);
        try {
            EdgeConfig config = b.build();
            if (problems.isEmpty()) {
                return config;
            }
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        throw new ConfigException(problems);
    }

    /** {@code edge-<hostname>}, cut to a valid node id. */
    NodeId defaultNodeId() {
        String host = env.get("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "local";
            }
        }
        String id = ("edge-" + host.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9._-]", "-");
        return new NodeId(id.length() > MAX_NODE_ID ? id.substring(0, MAX_NODE_ID) : id);
    }

    static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("edge");
        spec.usageMessage()
                .description("pushfleet edge: holds client connections (WebSocket and raw TCP).",
                        "Each flag can also be set by the environment variable shown; a flag wins.")
                .footer("Invalid settings exit with code 2.");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build());
        for (Setting s : Setting.values()) {
            String defaultText = s.defaultText().isEmpty() ? "none" : s.defaultText();
            spec.addOption(OptionSpec.builder(s.flag())
                    .paramLabel("<value>")
                    .type(String.class)
                    .description(s.description() + " Env: " + s.env() + ". Default: " + defaultText + ".")
                    .build());
        }
        return spec;
    }

    private static TransportMode transport(String text) {
        return TransportMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    private static TokenCrypto tokenCrypto(String text) {
        return TokenCrypto.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    private static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    /** Looks a setting up (flag, then environment) and hands the parsed value on, or records a problem. */
    private final class Values {

        private final ParseResult parsed;
        private final List<String> problems;

        Values(ParseResult parsed, List<String> problems) {
            this.parsed = parsed;
            this.problems = problems;
        }

        <T> void set(Setting s, Function<String, T> parse, String expected, Consumer<T> target) {
            String raw = parsed.hasMatchedOption(s.flag()) ? parsed.matchedOptionValue(s.flag(), (String) null) : env.get(s.env());
            if (raw == null || raw.isBlank()) {
                return;
            }
            try {
                target.accept(parse.apply(raw.trim()));
            } catch (IllegalArgumentException e) {
                String shown = s == Setting.REDIS_URI ? Secrets.maskUri(raw) : raw;
                problems.add(s.label() + ": '" + shown + "' (expected: " + expected + ")");
            }
        }
    }
}
