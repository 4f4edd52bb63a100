package io.pushfleet.control.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.routing.EdgeAssignment;
import io.pushfleet.control.routing.RoutingService;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.token.TokenClaims;
import io.pushfleet.model.token.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Registration, login and refresh (DESIGN 3.1). A refused login always answers {@code invalid_credentials}
 * after the same amount of hashing, whether the user exists or not. Logins are counted by outcome in
 * {@code pushfleet_logins_total}, refreshes in {@code pushfleet_refreshes_total}, registrations in
 * {@code pushfleet_registrations_total}.
 */
@ApplicationScoped
public class AuthService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    private static final Duration NO_EDGE_WARNING_INTERVAL = Duration.ofSeconds(10);

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final RoutingService routing;
    private final PushConfig.Client client;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicLong lastNoEdgeWarning = new AtomicLong(System.nanoTime() - NO_EDGE_WARNING_INTERVAL.toNanos());

    public AuthService(AccountRepository accounts, PasswordHasher hasher, TokenService tokens, RoutingService routing,
                       PushConfig config, Clock clock, MeterRegistry meters) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.tokens = tokens;
        this.routing = routing;
        this.client = config.client();
        this.clock = clock;
        this.meters = meters;
    }

    public RegisterResponse register(RegisterRequest request) {
        if (request == null) {
            throw count("registrations", "invalid", new ApiException(ErrorCode.INVALID_REQUEST, "request body: missing"));
        }
        String username;
        try {
            username = CredentialRules.requireValidUsername(request.username());
            CredentialRules.requireValidPassword(request.password(), username);
        } catch (ApiException e) {
            throw count("registrations", "invalid", e);
        }
        if (accounts.existsByUsername(username)) {
            throw count("registrations", "taken", usernameTaken());
        }
        long userId;
        try {
            userId = accounts.create(username, hasher.hash(request.password()), clock.instant());
        } catch (UsernameTakenException e) {
            throw count("registrations", "taken", usernameTaken());
        }
        meters.counter("pushfleet.registrations", "outcome", "created").increment();
        LOG.info("registered userId={}", userId);
        return new RegisterResponse(userId);
    }

    public LoginResponse login(LoginRequest request) {
        if (request == null || request.username() == null || request.password() == null) {
            throw count("logins", "invalid_request",
                    new ApiException(ErrorCode.INVALID_REQUEST, "username and password are required"));
        }
        DeviceId deviceId = parseDeviceId(request.deviceId());
        Account account = authenticate(request.username(), request.password())
                .orElseThrow(() -> count("logins", "invalid_credentials",
                        new ApiException(ErrorCode.INVALID_CREDENTIALS, ErrorCode.INVALID_CREDENTIALS.defaultMessage())));
        UserId userId = new UserId(account.id());
        return grant(userId, deviceId, "logins", () -> tokens.issue(userId, deviceId));
    }

    /**
     * A refresh (DESIGN 3.1): the answer of a login for the user and device of {@code claims} (a token the caller
     * presented and {@link UserAuthenticator#authenticateForRefresh} verified), with a freshly selected edge, and
     * no password check, so a fleet of clients reconnecting after an edge died costs no bcrypt. Counted in
     * {@code pushfleet_refreshes_total}.
     */
    public LoginResponse refresh(TokenClaims claims) {
        return grant(claims.userId(), claims.deviceId(), "refreshes", () -> tokens.refresh(claims));
    }

    /** Selects the edges, then issues the token: what a login and a refresh answer, counted under {@code what}. */
    private LoginResponse grant(UserId userId, DeviceId deviceId, String what, Supplier<TokenIssuer.IssuedToken> issue) {
        EdgeAssignment edges = routing.assign(userId, deviceId).orElseThrow(() -> {
            warnNoEdge(userId, deviceId);
            return count(what, "no_edge",
                    new ApiException(ErrorCode.NO_EDGE_AVAILABLE, ErrorCode.NO_EDGE_AVAILABLE.defaultMessage()));
        });
        TokenIssuer.IssuedToken token = issue.get();
        meters.counter("pushfleet." + what, "outcome", "success").increment();
        // DEBUG, not INFO: a reconnect storm is millions of logins; the counter above is the signal.
        LOG.debug("userId={} deviceId={} nodeId={} {} succeeded", userId, deviceId, edges.primary().nodeId(), what);
        return new LoginResponse(userId.value(), token.token(), token.expiresAt(), EdgeEndpoint.of(edges.primary()),
                edges.fallbacks().stream().map(EdgeEndpoint::of).toList(), client.heartbeat().toSeconds(),
                BackoffPolicy.of(client.backoff()));
    }

    /**
     * The account if the password matches. Costs one bcrypt verification on every path: a username
     * that cannot exist or does not exist is checked against a dummy hash.
     */
    private Optional<Account> authenticate(String username, String password) {
        Optional<Account> account = CredentialRules.isValidUsername(username)
                ? accounts.findByUsername(username) : Optional.empty();
        if (account.isEmpty()) {
            hasher.matchNothing(password);
            return Optional.empty();
        }
        return hasher.matches(password, account.get().passwordHash()) ? account : Optional.empty();
    }

    /** Every login fails while no edge is up; one line per interval says so, the counter has the rest. */
    private void warnNoEdge(UserId userId, DeviceId deviceId) {
        long now = System.nanoTime();
        long last = lastNoEdgeWarning.get();
        if (now - last >= NO_EDGE_WARNING_INTERVAL.toNanos() && lastNoEdgeWarning.compareAndSet(last, now)) {
            LOG.warn("userId={} deviceId={} login or refresh refused: no selectable edge node (logged once per {})", userId,
                    deviceId, NO_EDGE_WARNING_INTERVAL);
        }
    }

    private DeviceId parseDeviceId(String deviceId) {
        try {
            return new DeviceId(deviceId);
        } catch (IllegalArgumentException | NullPointerException e) {
            String reason = deviceId == null ? "deviceId: missing" : e.getMessage();
            throw count("logins", "invalid_request", new ApiException(ErrorCode.INVALID_DEVICE_ID, reason));
        }
    }

    private static ApiException usernameTaken() {
        return new ApiException(ErrorCode.USERNAME_TAKEN, ErrorCode.USERNAME_TAKEN.defaultMessage());
    }

    private ApiException count(String what, String outcome, ApiException e) {
        meters.counter("pushfleet." + what, "outcome", outcome).increment();
        return e;
    }
}
