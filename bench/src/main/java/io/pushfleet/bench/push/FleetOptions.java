package io.pushfleet.bench.push;

import io.pushfleet.bench.fleet.ClientFleet;
import io.pushfleet.bench.fleet.NettyFleet;
import io.pushfleet.bench.fleet.SdkFleet;
import io.pushfleet.bench.fleet.SyntheticUsers;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Options every scenario shares: where the fleet is, the files {@code bin/start} leaves behind, and how the
 * simulated clients connect. Defaults fit {@code bin/start}; {@code bin/bench} points the file defaults at
 * the checkout's {@code .local-stack/dev/run} through {@code PUSHFLEET_DEV_RUN}.
 */
public final class FleetOptions {

    /** Which client implementation holds the connections. */
    public enum ClientKind { LEAN, SDK }

    @Option(names = "--control-plane", defaultValue = "http://127.0.0.1:8080",
            description = "Control plane base URL (default: ${DEFAULT-VALUE}).")
    URI controlPlane;

    @Option(names = "--admin-key-file", defaultValue = "${env:PUSHFLEET_DEV_RUN:-.local-stack/dev/run}/admin-key",
            description = "File holding the admin API key (default: ${DEFAULT-VALUE}).")
    Path adminKeyFile;

    @Option(names = "--signing-keys", defaultValue = "${env:PUSHFLEET_DEV_RUN:-.local-stack/dev/run}/signing-keys.json",
            description = "The control plane's JWK set; its first key signs the clients' tokens locally"
                    + " (default: ${DEFAULT-VALUE}).")
    Path signingKeys;

    @Option(names = "--client", defaultValue = "LEAN",
            description = "LEAN (Netty, a few event loops) or SDK (client-sdk EdgeConnection over TCP) (default: ${DEFAULT-VALUE}).")
    ClientKind client;

    @Option(names = "--io-threads", defaultValue = "2", description = "Event loops of the lean client (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--source-addresses", split = ",", defaultValue = "127.0.0.1",
            description = "Local addresses the lean client binds, round-robin (each gives ~28k ports per edge) (default: ${DEFAULT-VALUE}).")
    List<InetAddress> sources;

    @Option(names = "--connect-concurrency", defaultValue = "200",
            description = "Handshakes in flight while connecting (default: ${DEFAULT-VALUE}).")
    int connectConcurrency;

    @Option(names = "--connect-timeout", defaultValue = "180s",
            description = "Longest time to connect all clients (default: ${DEFAULT-VALUE}).", converter = DurationConverter.class)
    Duration connectTimeout;

    @Option(names = "--first-user-id", defaultValue = "0",
            description = "First synthetic user id; 0 picks a fresh block of 1,000,000 ids from the clock (default).")
    long firstUserId;

    /** Problems with these options, for the command's usage error; empty when fine. */
    /** The synthetic users of this invocation: {@code --first-user-id} if given, else a fresh block. */
    SyntheticUsers users(int count) {
        return firstUserId > 0 ? new SyntheticUsers(firstUserId, count) : SyntheticUsers.forTime(Instant.now(), count);
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (ioThreads < 1 || ioThreads > 64) {
            problems.add("--io-threads: " + ioThreads + " (expected: 1..64)");
        }
        if (connectConcurrency < 1 || connectConcurrency > 10_000) {
            problems.add("--connect-concurrency: " + connectConcurrency + " (expected: 1..10000)");
        }
        if (firstUserId < 0) {
            problems.add("--first-user-id: " + firstUserId + " (expected: >= 1, or 0 for a fresh block)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add("--connect-timeout: " + connectTimeout + " (expected: > 0)");
        }
        return problems;
    }

    ClientFleet newFleet() {
        return client == ClientKind.SDK ? new SdkFleet() : new NettyFleet(ioThreads);
    }
}
