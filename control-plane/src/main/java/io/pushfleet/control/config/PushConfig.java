package io.pushfleet.control.config;

import io.pushfleet.control.routing.SelectionStrategy;
import io.pushfleet.model.token.TokenCrypto;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.List;

/**
 * The control plane's own settings, under {@code push.}; each one is described in
 * {@code application.properties} and docs/control-plane.md. Read once at startup and checked as a
 * whole by {@link ConfigCheck}.
 */
@ConfigMapping(prefix = "push")
public interface PushConfig {

    Token token();

    Admin admin();

    Routing routing();

    Client client();

    Auth auth();

    Http http();

    Tasks tasks();

    Offline offline();

    Events events();

    /** Token signing and publication. */
    interface Token {
        /** JWK set file; its first key is the active private signing key. No default. */
        Path keyFile();

        /** Create {@link #keyFile()} with a fresh key when it does not exist (local use only). Default false. */
        @WithDefault("false")
        boolean generateIfMissing();

        /** {@code iss} of issued tokens. Default {@code pushfleet-control-plane}. */
        @WithDefault("pushfleet-control-plane")
        String issuer();

        /** {@code aud} of issued tokens. Default {@code pushfleet-edge}. */
        @WithDefault("pushfleet-edge")
        String audience();

        /**
         * Who signs and checks tokens: {@code auto} (Conscrypt's native ECDSA when it loads, else the JDK),
         * {@code conscrypt} (or fail to start) or {@code jdk}. Default auto.
         */
        @WithDefault("auto")
        TokenCrypto crypto();

        /** Lifetime of issued tokens. Default 1h. */
        @WithDefault("1h")
        Duration ttl();

        /** How often the public keys are written to Redis again, in case Redis lost them. Default 60s. */
        @WithDefault("60s")
        Duration republishInterval();

        /** How long after its expiry a token may still be refreshed ({@code POST /api/auth/refresh}). Default 7d. */
        @WithDefault("7d")
        Duration refreshGrace();

        /** Refreshes stop this long after the password was last checked ({@code auth_time}): log in again. Default 30d. */
        @WithDefault("30d")
        Duration refreshMaxAge();
    }

    /** The admin API: bearer keys and their roles (docs/control-plane.md, "Admin keys and roles"). */
    interface Admin {
        /** Keys with the push role (every admin route); at least one, each at least 16 characters. No default. */
        List<String> keys();

        /** Keys with the read role (GET routes only), each at least 16 characters, none also in {@link #keys()}. Default none. */
        Optional<List<String>> readKeys();
    }

    /** Edge selection. */
    interface Routing {
        /**
         * Strategy that picks edges for a login until {@code PUT /api/admin/routing} stores another in Redis.
         * Default auto.
         */
        @WithDefault("auto")
        SelectionStrategy strategy();

        /** How often each control plane reads the stored routing setting from Redis. Default 1s. */
        @WithDefault("1s")
        Duration settingPoll();

        /** A node whose last registry report is older than this is not live. Default 15s. */
        @WithDefault("15s")
        Duration nodeTtl();

        /** How many fallback edges a login answer carries besides the primary. Default 2. */
        @WithDefault("2")
        int fallbacks();

        /** Node weights of the {@code weighted} strategy, {@code edge-a=3,edge-b=1}. Default none: every node weighs 1. */
        Optional<String> weights();

        Auto auto();

        /** The {@code auto} strategy: weights from each node's report (docs/routing.md). */
        interface Auto {
            /** How often the weights are recomputed from the registry. Default 2s. */
            @WithDefault("2s")
            Duration interval();

            /** How long after its boot a node's weight is capped below full; 0s turns ramp-up off. Default 60s. */
            @WithDefault("60s")
            Duration rampUp();

            /** The cap at boot, as a fraction of a full weight, 0 < x <= 1. Default 0.1. */
            @WithDefault("0.1")
            double rampStart();

            /** Smallest change of target weight (of 100) that moves a weight, 0..50. Default 5. */
            @WithDefault("5")
            int hysteresis();

            /** Largest change of a weight (of 100) per update, 1..100. Default 20. */
            @WithDefault("20")
            int maxStep();

            /** Event-loop lag at which a node's lag headroom is 0. Default 100ms. */
            @WithDefault("100ms")
            Duration maxLoopLag();

            /** Hold weights when more than this fraction of the live nodes vanish in one update, 0 < x <= 1 (1: never). Default 0.5. */
            @WithDefault("0.5")
            double vanishThreshold();

            /** Longest hold of vanished nodes after a mass vanish. Default 30s. */
            @WithDefault("30s")
            Duration vanishHold();
        }
    }

    /** Connection parameters handed to clients at login. */
    interface Client {
        /** Interval between client PINGs. Default 30s. */
        @WithDefault("30s")
        Duration heartbeat();

        Backoff backoff();

        /** Reconnect backoff: delay = min(max, base * factor^attempt), spread by +-jitter. */
        interface Backoff {
            /** Default 500ms. */
            @WithDefault("500ms")
            Duration base();

            /** Default 2.0. */
            @WithDefault("2.0")
            double factor();

            /** Fraction of the delay used as random spread, 0..1. Default 0.2. */
            @WithDefault("0.2")
            double jitter();

            /** Default 30s. */
            @WithDefault("30s")
            Duration max();
        }
    }

    /** Accounts. */
    interface Auth {
        /** bcrypt cost factor (log2 rounds), 10..14 (4..14 with {@link #allowTestBcryptCost}). Default 11. */
        @WithDefault("11")
        int bcryptCost();

        /**
         * Accept a bcrypt cost down to 4, for test fleets that log thousands of users in on a small machine
         * (cost 10 is ~100 ms of a core per login). Never in production: passwords become cheap to guess from a
         * leaked hash. Default false.
         */
        @WithDefault("false")
        boolean allowTestBcryptCost();

        RateLimit rateLimit();

        /**
         * Attempts allowed per client address and per username in fixed windows counted in Redis, so every
         * control plane shares them. 0 turns a limit off.
         */
        interface RateLimit {
            /** Length of a counting window, 1s..1h. Default 1m. */
            @WithDefault("1m")
            Duration window();

            /** Logins per client address per window. Default 60. */
            @WithDefault("60")
            int loginPerIp();

            /** Logins per username per window, whatever the address. Default 10. */
            @WithDefault("10")
            int loginPerUser();

            /** Registrations per client address per window. Default 20. */
            @WithDefault("20")
            int registerPerIp();
        }
    }

    /** HTTP limits of our own, on top of {@code quarkus.http.limits.*}. */
    interface Http {
        /** Largest declared request body on {@code /api/auth/*}. Default 64K. */
        @WithDefault("64K")
        MemorySize authMaxBody();

        /** Proxies whose {@code X-Forwarded-For} is believed: IP addresses and CIDR ranges. Default none. */
        Optional<List<String>> trustedProxies();
    }

    /** Admin pushes: limits of a request and how tasks are routed. */
    interface Tasks {
        /** Most user ids in one push. Default 100000. */
        @WithDefault("100000")
        int maxTargets();

        /** Targets per route lookup, delivery-row batch and node stream entry (at most 1000). Default 1000. */
        @WithDefault("1000")
        int chunkSize();

        /** Lifetime of a push kept for offline users when the request names none. Default 24h. */
        @WithDefault("24h")
        Duration defaultTtl();

        /** Longest lifetime a request may ask for. Default 7d. */
        @WithDefault("7d")
        Duration maxTtl();

        /** Largest push frame the edges accept (their frame limit); bodies must fit with room to spare. Default 64K. */
        @WithDefault("64K")
        MemorySize maxFrameBytes();

        /** Threads routing tasks in this process. Default 2. */
        @WithDefault("2")
        int routerThreads();

        /** How long a claimed task stays with this process without progress before another may take it. Default 60s. */
        @WithDefault("60s")
        Duration lease();

        /** How often unclaimed (accepted) and abandoned (lease expired) tasks are looked for. Default 10s. */
        @WithDefault("10s")
        Duration recoveryInterval();
    }

    /** The offline store: messages kept for users who were not connected. */
    interface Offline {
        /** Lifetime of a chat message stored for an offline user. Default 7d. */
        @WithDefault("7d")
        Duration chatTtl();

        /** Most stored messages replayed to a user per connect, oldest first. Default 1000. */
        @WithDefault("1000")
        int replayLimit();

        /** How often stored messages past their expiry are marked expired. Default 60s. */
        @WithDefault("60s")
        Duration expiryInterval();
    }

    /** The consumer of the edges' events stream. */
    interface Events {
        /** Entries read per XREADGROUP. Default 100. */
        @WithDefault("100")
        int batchSize();

        /** How long one XREADGROUP waits for entries (below the Redis client's timeout). Default 2s. */
        @WithDefault("2s")
        Duration block();

        /** Entries pending this long with another consumer are taken over (XAUTOCLAIM). Default 30s. */
        @WithDefault("30s")
        Duration claimIdle();

        /** How often this consumer looks for such entries. Default 10s. */
        @WithDefault("10s")
        Duration claimInterval();
    }
}
