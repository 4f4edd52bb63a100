package io.pushfleet.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link PushSession} runs on, as ports so unit tests can swap each one: time ({@code scheduler}),
 * an executor for work that may block ({@code blocking}: logins, TCP writes; virtual threads in
 * production), randomness for jitter, the login (with the password), the refresh (token to a login's
 * answer, {@link ControlPlaneClient#refresh}), and opening one connection.
 */
record SessionRuntime(Scheduler scheduler, Executor blocking, RandomGenerator random, Supplier<LoginResponse> login,
                      Function<String, LoginResponse> refresh, EdgeOpener opener) {

    /** Opens one connection to one edge; {@link EdgeConnector#open} in production. */
    @FunctionalInterface
    interface EdgeOpener {
        CompletableFuture<EdgeConnection> open(EdgeAddress edge, String token, FrameListener listener);
    }

    SessionRuntime {
        requireNonNull(scheduler, "scheduler");
        requireNonNull(blocking, "blocking");
        requireNonNull(random, "random");
        requireNonNull(login, "login");
        requireNonNull(refresh, "refresh");
        requireNonNull(opener, "opener");
    }
}
