package io.pushfleet.edge.bootstrap;

import java.util.Locale;

/**
 * Every setting of the edge: its flag, its environment variable and its default. A flag wins over the
 * variable, the variable over the default. docs/edge.md renders this table.
 */
public enum Setting {
    NODE_ID("node-id", "edge-<hostname>", "Node id, unique in the fleet: 1..64 of [A-Za-z0-9._-]."),
    BIND_HOST("bind-host", "0.0.0.0", "Address the listeners bind."),
    ADVERTISED_HOST("advertised-host", "<bind host>, or 127.0.0.1 for a wildcard bind",
            "Host clients are told to connect to (registry wsUrl, tcpHost)."),
    WS_PORT("ws-port", "8080", "WebSocket port (path /ws); 0 picks a free port."),
    TCP_PORT("tcp-port", "9000", "Raw TCP port; 0 picks a free port."),
    ADMIN_PORT("admin-port", "9100", "Admin HTTP port (/health/live, /health/ready, /metrics); 0 picks a free port."),
    REDIS_URI("redis-uri", "redis://127.0.0.1:6379", "Redis URI (Lettuce syntax); a password in it is masked in logs."),
    TOKEN_ISSUER("token-issuer", "pushfleet-control-plane", "Required iss of tokens."),
    TOKEN_AUDIENCE("token-audience", "pushfleet-edge", "Required aud of tokens."),
    TOKEN_CLOCK_SKEW("token-clock-skew", "30s", "Clock skew allowed on exp and nbf."),
    TOKEN_CRYPTO("token-crypto", "auto",
            "Who checks token signatures: auto (Conscrypt's native ECDSA when it loads, else the JDK), conscrypt (or fail to start) or jdk."),
    JWKS_FILE("jwks-file", "", "Optional JWK set file with more token keys (public parts are used)."),
    JWKS_REFRESH("jwks-refresh", "30s", "How often token keys are re-read."),
    MAX_FRAME_BYTES("max-frame-bytes", "65536", "Largest frame, in bytes (256..16777216)."),
    AUTH_TIMEOUT("auth-timeout", "10s", "Time a connection has to authenticate."),
    HEARTBEAT_INTERVAL("heartbeat-interval", "30s", "Interval clients are told to ping at."),
    HEARTBEAT_MISSES("heartbeat-misses", "3", "Silent intervals after which a connection is closed."),
    MAX_FRAMES_PER_SECOND("max-frames-per-second", "50", "Frames a connection may send per second."),
    CONNECT_RATE_PER_IP("connect-rate-per-ip", "20",
            "New connections per second one source address (IPv6: one /64) may open on average; 0 turns the limit off."),
    CONNECT_BURST_PER_IP("connect-burst-per-ip", "100",
            "New connections one source address may open at once before the rate applies."),
    SLOW_CONSUMER_TIMEOUT("slow-consumer-timeout", "10s", "Time a connection may stay above the write high-water mark."),
    WRITE_BUFFER_LOW("write-buffer-low", "32768", "Outbound bytes below which a connection is writable again."),
    WRITE_BUFFER_HIGH("write-buffer-high", "131072", "Outbound bytes above which a connection is not writable."),
    CAPACITY("capacity", "100000", "Connections this node is sized for (reported to the registry)."),
    IO_THREADS("io-threads", "0", "Event-loop threads; 0 means one per available core."),
    TRANSPORT("transport", "auto", "auto (epoll when available, else NIO), epoll or nio."),
    REUSE_PORT("reuse-port", "false", "SO_REUSEPORT on the WebSocket and TCP listeners (epoll only), so several edges share them; admin ports stay per process."),
    REGISTRY_INTERVAL("registry-interval", "5s", "How often the node reports to the registry (TTL is 3x)."),
    SHUTDOWN_TIMEOUT("shutdown-timeout", "10s", "Bound on a graceful shutdown."),
    KAFKA_BOOTSTRAP("kafka-bootstrap", "",
            "Kafka bootstrap servers (host:port,...) for uplink records; without it send and uplink get receipt failed."),
    KAFKA_LINGER("kafka-linger", "5ms", "How long the Kafka producer waits to batch records (0..1s)."),
    KAFKA_DELIVERY_TIMEOUT("kafka-delivery-timeout", "10s",
            "Longest wait for Kafka to acknowledge a record, retries included, before the receipt says failed."),
    ACK_FLUSH_INTERVAL("ack-flush-interval", "100ms", "Longest time a client ack waits before it is appended to the events stream."),
    ACK_BATCH_SIZE("ack-batch-size", "500", "Acks per acked event; a full batch is appended at once."),
    DRAIN_RATE("drain-rate", "500", "Clients asked to reconnect per second while an operator drains the node (10..1000000)."),
    DRAIN_SHUTDOWN_RATE("drain-shutdown-rate", "2000", "Clients asked to reconnect per second while the process stops (10..1000000)."),
    DRAIN_JITTER("drain-jitter", "5s", "Largest delay a reconnect frame tells a client to wait before it connects elsewhere (0..5m)."),
    DRAIN_GRACE("drain-grace", "30s",
            "Time a client asked to reconnect may stay before it is closed with 4011 GOING_AWAY (1s..1h, more than the jitter)."),
    DRAIN_TIMEOUT("drain-timeout", "20s",
            "On SIGTERM, longest drain before the remaining clients are closed with GOING_AWAY (0..10m; 0 closes at once)."),
    SEND_DEDUPE_WINDOW("send-dedupe-window", "24h",
            "How long a send or uplink is remembered by user, device and clientMsgId, so a repeat is answered with the"
                    + " first receipt and not delivered again (1m..168h, and more than 2x the Kafka delivery timeout)."),
    PORTS_FILE("ports-file", "", "If set, the bound ports are written to this file (ws=, tcp=, admin=).");

    private final String flag;
    private final String env;
    private final String defaultText;
    private final String description;

    Setting(String flag, String defaultText, String description) {
        this.flag = "--" + flag;
        this.env = "EDGE_" + name();
        this.defaultText = defaultText;
        this.description = description;
    }

    public String flag() {
        return flag;
    }

    public String env() {
        return env;
    }

    /** The default as text; empty when the setting is off by default. */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** How messages name the setting: {@code --ws-port (EDGE_WS_PORT)}. */
    public String label() {
        return flag + " (" + env + ")";
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
