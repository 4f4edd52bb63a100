package io.pushfleet.edge.bootstrap;

import io.pushfleet.edge.session.DrainSettings;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.token.TokenCrypto;

import java.nio.file.Path;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The edge's whole configuration, immutable and validated as a whole by {@link Builder#build()}. Built once
 * at start-up (from flags and environment by {@link EdgeConfigLoader}, or directly in tests) and passed down
 * through constructors. {@link #toString()} masks secrets and is what start-up logs.
 *
 * @param jwksFile  null when no key file is used
 * @param portsFile null when no ports file is written
 */
public record EdgeConfig(
        NodeId nodeId,
        String bindHost,
        String advertisedHost,
        int wsPort,
        int tcpPort,
        int adminPort,
        String redisUri,
        String tokenIssuer,
        String tokenAudience,
        Duration tokenClockSkew,
        TokenCrypto tokenCrypto,
        Path jwksFile,
        Duration jwksRefresh,
        ProtocolLimits limits,
        int connectRatePerIp,
        int connectBurstPerIp,
        Duration heartbeatInterval,
        int heartbeatMisses,
        Duration slowConsumerTimeout,
        int writeBufferLow,
        int writeBufferHigh,
        int capacity,
        int ioThreads,
        TransportMode transport,
        boolean reusePort,
        Duration registryInterval,
        Duration shutdownTimeout,
        Path portsFile,
        String kafkaBootstrap,
        Duration kafkaLinger,
        Duration kafkaDeliveryTimeout,
        Duration ackFlushInterval,
        int ackBatchSize,
        DrainSettings drain,
        Duration sendDedupeWindow) {

    public EdgeConfig {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(bindHost, "bindHost");
        requireNonNull(advertisedHost, "advertisedHost");
        requireNonNull(redisUri, "redisUri");
        requireNonNull(tokenIssuer, "tokenIssuer");
        requireNonNull(tokenAudience, "tokenAudience");
        requireNonNull(tokenClockSkew, "tokenClockSkew");
        requireNonNull(tokenCrypto, "tokenCrypto");
        requireNonNull(jwksRefresh, "jwksRefresh");
        requireNonNull(limits, "limits");
        requireNonNull(heartbeatInterval, "heartbeatInterval");
        requireNonNull(slowConsumerTimeout, "slowConsumerTimeout");
        requireNonNull(transport, "transport");
        requireNonNull(registryInterval, "registryInterval");
        requireNonNull(shutdownTimeout, "shutdownTimeout");
        requireNonNull(kafkaLinger, "kafkaLinger");
        requireNonNull(kafkaDeliveryTimeout, "kafkaDeliveryTimeout");
        requireNonNull(ackFlushInterval, "ackFlushInterval");
        requireNonNull(drain, "drain");
        requireNonNull(sendDedupeWindow, "sendDedupeWindow");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A connection silent this long is closed: heartbeat interval times allowed misses. */
    public Duration idleTimeout() {
        return heartbeatInterval.multipliedBy(heartbeatMisses);
    }

    /** Lifetime of the registry entry: three report intervals. */
    public Duration registryTtl() {
        return registryInterval.multipliedBy(3);
    }

    /**
     * How long one attempt at a client message may hold it before a repeat takes over: twice the Kafka delivery
     * timeout, for the sender queue, the produce and the routing.
     */
    public Duration sendLease() {
        return kafkaDeliveryTimeout.multipliedBy(2);
    }

    @Override
    public String toString() {
        return "EdgeConfig[nodeId=" + nodeId + ", bindHost=" + bindHost + ", advertisedHost=" + advertisedHost
                + ", wsPort=" + wsPort + ", tcpPort=" + tcpPort + ", adminPort=" + adminPort
                + ", redisUri=" + Secrets.maskUri(redisUri) + ", tokenIssuer=" + tokenIssuer
                + ", tokenAudience=" + tokenAudience + ", tokenClockSkew=" + tokenClockSkew + ", tokenCrypto=" + tokenCrypto
                + ", jwksFile=" + jwksFile
                + ", jwksRefresh=" + jwksRefresh + ", maxFrameBytes=" + limits.maxFrameBytes()
                + ", authTimeout=" + limits.authTimeout() + ", maxFramesPerSecond=" + limits.maxFramesPerSecond()
                + ", connectRatePerIp=" + connectRatePerIp + ", connectBurstPerIp=" + connectBurstPerIp
                + ", heartbeatInterval=" + heartbeatInterval + ", heartbeatMisses=" + heartbeatMisses
                + ", slowConsumerTimeout=" + slowConsumerTimeout + ", writeBufferLow=" + writeBufferLow
                + ", writeBufferHigh=" + writeBufferHigh + ", capacity=" + capacity + ", ioThreads=" + ioThreads
                + ", transport=" + transport + ", reusePort=" + reusePort + ", registryInterval=" + registryInterval
                + ", shutdownTimeout=" + shutdownTimeout + ", portsFile=" + portsFile
                + ", kafkaBootstrap=" + (kafkaBootstrap == null ? "none" : kafkaBootstrap) + ", kafkaLinger=" + kafkaLinger
                + ", kafkaDeliveryTimeout=" + kafkaDeliveryTimeout + ", ackFlushInterval=" + ackFlushInterval
                + ", ackBatchSize=" + ackBatchSize + ", drain=" + drain + ", sendDedupeWindow=" + sendDedupeWindow + "]";
    }

    /** Collects settings; {@link #build()} checks them together and reports every problem at once. */
    public static final class Builder {

        private NodeId nodeId;
        private String bindHost = "0.0.0.0";
        private String advertisedHost;
        private int wsPort = 8080;
        private int tcpPort = 9000;
        private int adminPort = 9100;
        private String redisUri = "redis://127.0.0.1:6379";
        private String tokenIssuer = "pushfleet-control-plane";
        private String tokenAudience = "pushfleet-edge";
        private Duration tokenClockSkew = Duration.ofSeconds(30);
        private TokenCrypto tokenCrypto = TokenCrypto.AUTO;
        private Path jwksFile;
        private Duration jwksRefresh = Duration.ofSeconds(30);
        private int maxFrameBytes = ProtocolLimits.DEFAULT_MAX_FRAME_BYTES;
        private Duration authTimeout = ProtocolLimits.DEFAULT_AUTH_TIMEOUT;
        private int maxFramesPerSecond = ProtocolLimits.DEFAULT_MAX_FRAMES_PER_SECOND;
        private int connectRatePerIp = 20;
        private int connectBurstPerIp = 100;
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private int heartbeatMisses = 3;
        private Duration slowConsumerTimeout = Duration.ofSeconds(10);
        private int writeBufferLow = 32 * 1024;
        private int writeBufferHigh = 128 * 1024;
        private int capacity = 100_000;
        private int ioThreads;
        private TransportMode transport = TransportMode.AUTO;
        private boolean reusePort;
        private Duration registryInterval = Duration.ofSeconds(5);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private Path portsFile;
        private String kafkaBootstrap;
        private Duration kafkaLinger = Duration.ofMillis(5);
        private Duration kafkaDeliveryTimeout = Duration.ofSeconds(10);
        private Duration ackFlushInterval = Duration.ofMillis(100);
        private int ackBatchSize = 500;
        private int drainRate = 500;
        private int drainShutdownRate = 2000;
        private Duration drainJitter = Duration.ofSeconds(5);
        private Duration drainGrace = Duration.ofSeconds(30);
        private Duration drainTimeout = Duration.ofSeconds(20);
        private Duration sendDedupeWindow = Duration.ofHours(24);

        private Builder() {
        }

        /** Required. */
        public Builder nodeId(NodeId v) { nodeId = v; return this; }
        /** Default 0.0.0.0. */
        public Builder bindHost(String v) { bindHost = v; return this; }
        /** Default: the bind host, or 127.0.0.1 when the bind host is a wildcard. */
        public Builder advertisedHost(String v) { advertisedHost = v; return this; }
        /** Default 8080; 0 picks a free port. */
        public Builder wsPort(int v) { wsPort = v; return this; }
        /** Default 9000; 0 picks a free port. */
        public Builder tcpPort(int v) { tcpPort = v; return this; }
        /** Default 9100; 0 picks a free port. */
        public Builder adminPort(int v) { adminPort = v; return this; }
        /** Default redis://127.0.0.1:6379. */
        public Builder redisUri(String v) { redisUri = v; return this; }
        /** Default pushfleet-control-plane. */
        public Builder tokenIssuer(String v) { tokenIssuer = v; return this; }
        /** Default pushfleet-edge. */
        public Builder tokenAudience(String v) { tokenAudience = v; return this; }
        /** Default 30 s. */
        public Builder tokenClockSkew(Duration v) { tokenClockSkew = v; return this; }
        public Builder tokenCrypto(TokenCrypto v) { tokenCrypto = v; return this; }
        /** Default none. */
        public Builder jwksFile(Path v) { jwksFile = v; return this; }
        /** Default 30 s. */
        public Builder jwksRefresh(Duration v) { jwksRefresh = v; return this; }
        /** Default 65536. */
        public Builder maxFrameBytes(int v) { maxFrameBytes = v; return this; }
        /** Default 10 s. */
        public Builder authTimeout(Duration v) { authTimeout = v; return this; }
        /** Default 50. */
        public Builder maxFramesPerSecond(int v) { maxFramesPerSecond = v; return this; }
        /** Default 20 per second; 0 turns the per-address connect limit off. */
        public Builder connectRatePerIp(int v) { connectRatePerIp = v; return this; }
        /** Default 100. */
        public Builder connectBurstPerIp(int v) { connectBurstPerIp = v; return this; }
        /** Default 30 s. */
        public Builder heartbeatInterval(Duration v) { heartbeatInterval = v; return this; }
        /** Default 3. */
        public Builder heartbeatMisses(int v) { heartbeatMisses = v; return this; }
        /** Default 10 s. */
        public Builder slowConsumerTimeout(Duration v) { slowConsumerTimeout = v; return this; }
        /** Default 32 KiB. */
        public Builder writeBufferLow(int v) { writeBufferLow = v; return this; }
        /** Default 128 KiB. */
        public Builder writeBufferHigh(int v) { writeBufferHigh = v; return this; }
        /** Default 100000. */
        public Builder capacity(int v) { capacity = v; return this; }
        /** Default 0: one event loop per available core. */
        public Builder ioThreads(int v) { ioThreads = v; return this; }
        /** Default {@link TransportMode#AUTO}. */
        public Builder transport(TransportMode v) { transport = v; return this; }
        /** Default false. */
        public Builder reusePort(boolean v) { reusePort = v; return this; }
        /** Default 5 s. */
        public Builder registryInterval(Duration v) { registryInterval = v; return this; }
        /** Default 10 s. */
        public Builder shutdownTimeout(Duration v) { shutdownTimeout = v; return this; }
        /** Default none. */
        public Builder portsFile(Path v) { portsFile = v; return this; }
        /** Default none: send and uplink are answered with receipt failed. */
        public Builder kafkaBootstrap(String v) { kafkaBootstrap = v == null || v.isBlank() ? null : v.trim(); return this; }
        /** Default 5 ms. */
        public Builder kafkaLinger(Duration v) { kafkaLinger = v; return this; }
        /** Default 10 s. */
        public Builder kafkaDeliveryTimeout(Duration v) { kafkaDeliveryTimeout = v; return this; }
        /** Default 100 ms. */
        public Builder ackFlushInterval(Duration v) { ackFlushInterval = v; return this; }
        /** Default 500. */
        public Builder ackBatchSize(int v) { ackBatchSize = v; return this; }
        /** Default 500 per second. */
        public Builder drainRate(int v) { drainRate = v; return this; }
        /** Default 2000 per second. */
        public Builder drainShutdownRate(int v) { drainShutdownRate = v; return this; }
        /** Default 5 s. */
        public Builder drainJitter(Duration v) { drainJitter = v; return this; }
        /** Default 30 s. */
        public Builder drainGrace(Duration v) { drainGrace = v; return this; }
        /** Default 20 s. */
        public Builder drainTimeout(Duration v) { drainTimeout = v; return this; }
        /** Default 24 h. */
        public Builder sendDedupeWindow(Duration v) { sendDedupeWindow = v; return this; }

        /** Checks every setting; throws {@link ConfigException} listing all problems. */
        public EdgeConfig build() {
            ConfigValidator v = new ConfigValidator();
            v.require(nodeId != null, Setting.NODE_ID, "missing", "a node id");
            v.host(Setting.BIND_HOST, bindHost);
            String advertised = advertisedHost != null ? advertisedHost : ConfigValidator.defaultAdvertisedHost(bindHost);
            v.host(Setting.ADVERTISED_HOST, advertised);
            v.port(Setting.WS_PORT, wsPort);
            v.port(Setting.TCP_PORT, tcpPort);
            v.port(Setting.ADMIN_PORT, adminPort);
            v.distinctPorts(wsPort, tcpPort, adminPort);
            v.redisUri(redisUri);
            v.text(Setting.TOKEN_ISSUER, tokenIssuer);
            v.text(Setting.TOKEN_AUDIENCE, tokenAudience);
            v.duration(Setting.TOKEN_CLOCK_SKEW, tokenClockSkew, Duration.ZERO, Duration.ofMinutes(10));
            v.duration(Setting.JWKS_REFRESH, jwksRefresh, Duration.ofSeconds(1), Duration.ofDays(1));
            v.range(Setting.MAX_FRAME_BYTES, maxFrameBytes, 256, ProtocolLimits.ABSOLUTE_MAX_FRAME_BYTES);
            v.duration(Setting.AUTH_TIMEOUT, authTimeout, Duration.ofMillis(10), Duration.ofMinutes(10));
            v.range(Setting.MAX_FRAMES_PER_SECOND, maxFramesPerSecond, 1, 1_000_000);
            v.range(Setting.CONNECT_RATE_PER_IP, connectRatePerIp, 0, 1_000_000);
            v.range(Setting.CONNECT_BURST_PER_IP, connectBurstPerIp, 1, 1_000_000);
            v.duration(Setting.HEARTBEAT_INTERVAL, heartbeatInterval, Duration.ofMillis(10), Duration.ofHours(1));
            v.range(Setting.HEARTBEAT_MISSES, heartbeatMisses, 1, 100);
            v.duration(Setting.SLOW_CONSUMER_TIMEOUT, slowConsumerTimeout, Duration.ofMillis(10), Duration.ofHours(1));
            v.range(Setting.WRITE_BUFFER_LOW, writeBufferLow, 1024, 64 * 1024 * 1024);
            v.range(Setting.WRITE_BUFFER_HIGH, writeBufferHigh, 1024, 64 * 1024 * 1024);
            v.require(writeBufferHigh > writeBufferLow, Setting.WRITE_BUFFER_HIGH, String.valueOf(writeBufferHigh),
                    "> " + Setting.WRITE_BUFFER_LOW.flag() + " (" + writeBufferLow + ")");
            v.range(Setting.CAPACITY, capacity, 1, 100_000_000);
            v.range(Setting.IO_THREADS, ioThreads, 0, 1024);
            v.duration(Setting.REGISTRY_INTERVAL, registryInterval, Duration.ofMillis(100), Duration.ofMinutes(10));
            v.duration(Setting.SHUTDOWN_TIMEOUT, shutdownTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
            v.kafkaBootstrap(kafkaBootstrap);
            v.duration(Setting.KAFKA_LINGER, kafkaLinger, Duration.ZERO, Duration.ofSeconds(1));
            // The producer's request timeout is the delivery timeout less the linger; keep at least 1 s of it.
            v.duration(Setting.KAFKA_DELIVERY_TIMEOUT, kafkaDeliveryTimeout, Duration.ofSeconds(2), Duration.ofMinutes(5));
            v.duration(Setting.ACK_FLUSH_INTERVAL, ackFlushInterval, Duration.ofMillis(10), Duration.ofSeconds(10));
            v.range(Setting.ACK_BATCH_SIZE, ackBatchSize, 1, 10_000);
            v.range(Setting.DRAIN_RATE, drainRate, 10, 1_000_000);
            v.range(Setting.DRAIN_SHUTDOWN_RATE, drainShutdownRate, 10, 1_000_000);
            v.duration(Setting.DRAIN_JITTER, drainJitter, Duration.ZERO, Duration.ofMinutes(5));
            v.duration(Setting.DRAIN_GRACE, drainGrace, Duration.ofSeconds(1), Duration.ofHours(1));
            // A client told to wait up to the jitter must have time left to connect elsewhere before the close.
            if (drainGrace != null && drainJitter != null) {
                v.require(drainGrace.compareTo(drainJitter) > 0, Setting.DRAIN_GRACE, Durations.format(drainGrace),
                        "> " + Setting.DRAIN_JITTER.flag() + " (" + Durations.format(drainJitter) + ")");
            }
            v.duration(Setting.DRAIN_TIMEOUT, drainTimeout, Duration.ZERO, Duration.ofMinutes(10));
            v.duration(Setting.SEND_DEDUPE_WINDOW, sendDedupeWindow, Duration.ofMinutes(1), Duration.ofDays(7));
            // A repeat must still find the record after the longest lease (twice the delivery timeout).
            if (sendDedupeWindow != null && kafkaDeliveryTimeout != null
                    && sendDedupeWindow.compareTo(kafkaDeliveryTimeout.multipliedBy(2)) <= 0) {
                v.problem(Setting.SEND_DEDUPE_WINDOW, Durations.format(sendDedupeWindow), "> 2 x "
                        + Setting.KAFKA_DELIVERY_TIMEOUT.flag() + " (" + Durations.format(kafkaDeliveryTimeout.multipliedBy(2)) + ")");
            }
            v.throwIfAny();
            ProtocolLimits limits = new ProtocolLimits(maxFrameBytes, authTimeout, maxFramesPerSecond);
            return new EdgeConfig(nodeId, bindHost, advertised, wsPort, tcpPort, adminPort, redisUri, tokenIssuer,
                    tokenAudience, tokenClockSkew, tokenCrypto, jwksFile, jwksRefresh, limits, connectRatePerIp, connectBurstPerIp,
                    heartbeatInterval, heartbeatMisses,
                    slowConsumerTimeout, writeBufferLow, writeBufferHigh, capacity, ioThreads, transport, reusePort,
                    registryInterval, shutdownTimeout, portsFile, kafkaBootstrap, kafkaLinger, kafkaDeliveryTimeout,
                    ackFlushInterval, ackBatchSize,
                    new DrainSettings(drainRate, drainShutdownRate, drainJitter, drainGrace, drainTimeout),
                    sendDedupeWindow);
        }
    }
}
