package io.pushfleet.control.web;

import io.pushfleet.control.config.PushConfig;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.util.List;

/**
 * The client address of a request, for per-client limits: the connection's peer, or behind the proxies of
 * {@code push.http.trusted-proxies} the address they forwarded ({@link TrustedProxies}). Quarkus' own
 * {@code quarkus.http.proxy.*} is not used because it believes the left-most {@code X-Forwarded-For}
 * entry, which the client writes itself.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final TrustedProxies proxies;

    public ClientAddresses(PushConfig config) {
        this.proxies = TrustedProxies.parse(config.http().trustedProxies().orElse(List.of()));
    }

    /** The client of {@code request}; for a request without a peer address (not over TCP), the loopback address. */
    public InetAddress of(HttpServerRequest request) {
        InetAddress peer = request.remoteAddress() == null ? null
                : NetUtil.createInetAddressFromIpAddressString(request.remoteAddress().hostAddress());
        if (peer == null) {
            return InetAddress.getLoopbackAddress();
        }
        List<String> forwarded = request.headers().getAll(X_FORWARDED_FOR);
        return proxies.clientOf(peer, forwarded.isEmpty() ? null : String.join(",", forwarded));
    }
}
