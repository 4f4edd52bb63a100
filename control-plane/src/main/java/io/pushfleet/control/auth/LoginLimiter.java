package io.pushfleet.control.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.web.RateLimitedException;
import io.pushfleet.model.redis.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Limits logins per client address and per username, and registrations per client address
 * ({@code push.auth.rate-limit.*}), before any password is hashed: bcrypt is the costly part of both, and
 * guessing passwords is what the limits are against. Over a limit the caller gets 429 {@code rate_limited}
 * with {@code Retry-After}, counted in {@code pushfleet_auth_login_limited_total{by=ip|user}} and
 * {@code pushfleet_auth_register_limited_total{by=ip}}. The address is checked first; an attempt refused for
 * its address does not count against the username, so a flood from one address cannot lock a user out
 * (a flood from many addresses can, for one window: the price of a per-user limit).
 * <p>
 * IPv6 clients are limited per /64, the block one subscriber usually holds.
 */
@ApplicationScoped
public class LoginLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(LoginLimiter.class);

    private final AttemptCounter counter;
    private final PushConfig.Auth.RateLimit limits;
    private final Counter loginByIp;
    private final Counter loginByUser;
    private final Counter registerByIp;

    @Inject
    public LoginLimiter(AttemptCounter counter, PushConfig config, MeterRegistry meters) {
        this(counter, config.auth().rateLimit(), meters);
    }

    LoginLimiter(AttemptCounter counter, PushConfig.Auth.RateLimit limits, MeterRegistry meters) {
        this.counter = counter;
        this.limits = limits;
        this.loginByIp = limited(meters, "login", "ip");
        this.loginByUser = limited(meters, "login", "user");
        this.registerByIp = limited(meters, "register", "ip");
    }

    /** Counts a login attempt; throws {@link RateLimitedException} when its address or username is over the limit. */
    public void checkLogin(InetAddress client, String username) {
        check("login:ip", subject(client), limits.loginPerIp(), loginByIp, "login attempts from this address");
        if (CredentialRules.isValidUsername(username)) {
            // Usernames compare case-insensitively (CredentialRules), so their counters do too.
            check("login:user", username.toLowerCase(Locale.ROOT), limits.loginPerUser(), loginByUser,
                    "login attempts for this user");
        }
    }

    /** Counts a registration; throws {@link RateLimitedException} when its address is over the limit. */
    public void checkRegister(InetAddress client) {
        check("register:ip", subject(client), limits.registerPerIp(), registerByIp, "registrations from this address");
    }

    private void check(String action, String subject, int limit, Counter limited, String what) {
        if (limit == 0) {
            return;
        }
        AttemptCounter.Window window = counter.hit(RedisKeys.rateLimit(action, subject), limits.window());
        if (window.count() > limit) {
            limited.increment();
            RateLimitedException refusal = new RateLimitedException("too many " + what + " (limit " + limit + " per "
                    + limits.window().toSeconds() + " s)", window.resetsIn());
            // DEBUG: a flood is millions of these and the counter is the signal. No username: it may be a
            // password typed into the wrong field.
            LOG.debug("{} limited: {} attempts in the window, retry after {} s", action, window.count(),
                    refusal.retryAfterSeconds());
            throw refusal;
        }
    }

    /** The counter subject of an address: the address itself, or for IPv6 its /64. */
    static String subject(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            return String.format("%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", bytes[0], bytes[1], bytes[2], bytes[3],
                    bytes[4], bytes[5], bytes[6], bytes[7]);
        }
        return address.getHostAddress();
    }

    private static Counter limited(MeterRegistry meters, String action, String by) {
        return Counter.builder("pushfleet.auth." + action + ".limited")
                .description("Attempts refused with 429 for being over a rate limit, by what was over it")
                .tag("by", by).register(meters);
    }
}
