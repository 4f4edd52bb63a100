package io.pushfleet.client;

import io.pushfleet.model.codec.ProtocolLimits;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How an {@link EdgeConnection} connects and behaves: transport, where the token goes, automatic heartbeat
 * and acks, timeouts and protocol limits. Immutable; build once and share.
 */
public final class ConnectOptions {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(3);

    private static final ConnectOptions DEFAULTS = builder().build();

    private final Transport transport;
    private final boolean authInUpgradeHeader;
    private final boolean autoHeartbeat;
    private final boolean autoAck;
    private final int maxSilentHeartbeats;
    private final Duration connectTimeout;
    private final Duration closeTimeout;
    private final ProtocolLimits limits;

    private ConnectOptions(Builder b) {
        this.transport = b.transport;
        this.authInUpgradeHeader = b.authInUpgradeHeader;
        this.autoHeartbeat = b.autoHeartbeat;
        this.autoAck = b.autoAck;
        this.maxSilentHeartbeats = b.maxSilentHeartbeats;
        this.connectTimeout = b.connectTimeout;
        this.closeTimeout = b.closeTimeout;
        this.limits = b.limits;
    }

    /** WebSocket with JSON frames, auth frame, automatic heartbeat and acks, default timeouts and limits. */
    public static ConnectOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().transport(transport).authInUpgradeHeader(authInUpgradeHeader)
                .autoHeartbeat(autoHeartbeat).autoAck(autoAck).maxSilentHeartbeats(maxSilentHeartbeats)
                .connectTimeout(connectTimeout)
                .closeTimeout(closeTimeout).limits(limits);
    }

    public Transport transport() {
        return transport;
    }

    public boolean authInUpgradeHeader() {
        return authInUpgradeHeader;
    }

    public boolean autoHeartbeat() {
        return autoHeartbeat;
    }

    public boolean autoAck() {
        return autoAck;
    }

    public int maxSilentHeartbeats() {
        return maxSilentHeartbeats;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    public ProtocolLimits limits() {
        return limits;
    }

    @Override
    public String toString() {
        return "ConnectOptions[transport=" + transport + ", authInUpgradeHeader=" + authInUpgradeHeader
                + ", autoHeartbeat=" + autoHeartbeat + ", autoAck=" + autoAck + ", maxSilentHeartbeats=" + maxSilentHeartbeats
                + ", connectTimeout=" + connectTimeout
                + ", closeTimeout=" + closeTimeout + ", limits=" + limits + "]";
    }

    /** Builds {@link ConnectOptions}; every setter states its default. */
    public static final class Builder {
        private Transport transport = Transport.WEBSOCKET_JSON;
        private boolean authInUpgradeHeader;
        private boolean autoHeartbeat = true;
        private boolean autoAck = true;
        private int maxSilentHeartbeats = 3;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private ProtocolLimits limits = ProtocolLimits.DEFAULTS;

        private Builder() {
        }

        /** The transport. Default {@link Transport#WEBSOCKET_JSON}. */
        public Builder transport(Transport transport) {
            this.transport = requireNonNull(transport, "transport");
            return this;
        }

        /**
         * PROTOCOL 3.1: send the token as {@code Authorization: Bearer} on the WebSocket upgrade instead of
         * in a first {@code auth} frame. WebSocket only. Default false.
         */
        public Builder authInUpgradeHeader(boolean authInUpgradeHeader) {
            this.authInUpgradeHeader = authInUpgradeHeader;
            return this;
        }

        /** Send a {@code ping} every {@code heartbeatMs} from {@code auth_ok} (PROTOCOL 3.3). Default true. */
        public Builder autoHeartbeat(boolean autoHeartbeat) {
            this.autoHeartbeat = autoHeartbeat;
            return this;
        }

        /**
         * Ack every push that asks for it, once {@link FrameListener#onPush} has returned normally.
         * Default true; when false the caller sends {@code Frame.Ack} itself.
         */
        public Builder autoAck(boolean autoAck) {
            this.autoAck = autoAck;
            return this;
        }

        /**
         * With auto heartbeat, the connection counts as dead, and is dropped with
         * {@link CloseReason#ABNORMAL_CLOSURE}, once this many heartbeat intervals pass without any frame
         * from the edge (a live edge answers every ping). This catches half-open connections and drops a
         * transport fails to report. Default 3, as the edge's own idle limit (PROTOCOL 3.3).
         */
        public Builder maxSilentHeartbeats(int maxSilentHeartbeats) {
            if (maxSilentHeartbeats < 1) {
                throw new IllegalArgumentException("maxSilentHeartbeats: " + maxSilentHeartbeats + " (expected: >= 1)");
            }
            this.maxSilentHeartbeats = maxSilentHeartbeats;
            return this;
        }

        /** Time from starting to connect until {@code auth_ok}, handshakes included. Default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Durations.requirePositive("connectTimeout", connectTimeout);
            return this;
        }

        /** Time a graceful close may take before the transport is dropped. Default 3 s. */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Durations.requirePositive("closeTimeout", closeTimeout);
            return this;
        }

        /** Frame size limit for what this client accepts and sends. Default {@link ProtocolLimits#DEFAULTS}. */
        public Builder limits(ProtocolLimits limits) {
            this.limits = requireNonNull(limits, "limits");
            return this;
        }

        /** Validates the options as a whole. */
        public ConnectOptions build() {
            if (authInUpgradeHeader && !transport.webSocket()) {
                throw new IllegalArgumentException(
                        "authInUpgradeHeader: true (expected: false with transport " + transport + ", which has no upgrade)");
            }
            return new ConnectOptions(this);
        }
    }
}
