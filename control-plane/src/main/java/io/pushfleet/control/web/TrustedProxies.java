package io.pushfleet.control.web;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} is believed ({@code push.http.trusted-proxies}: IP addresses and
 * CIDR ranges). The client of a request is the right-most address in the chain that is not a trusted proxy:
 * proxies append to the header, so everything left of the last trusted hop was written by the client and can
 * be anything. With no trusted proxies, the header is ignored and the client is the peer of the connection.
 */
public final class TrustedProxies {

    /** Hops read from the right of one header; a longer chain is not a deployment of ours. */
    static final int MAX_HOPS = 20;

    private final List<IpSubnetFilterRule> ranges;

    private TrustedProxies(List<IpSubnetFilterRule> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** No proxy is trusted: the connection's peer is the client. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * Parses entries such as {@code 10.0.0.0/8}, {@code 192.168.1.7} or {@code fd00::/8}; host names are
     * refused (no DNS at startup or per request).
     *
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static TrustedProxies parse(List<String> entries) {
        List<IpSubnetFilterRule> ranges = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            int slash = entry.indexOf('/');
            String ip = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = NetUtil.createInetAddressFromIpAddressString(ip);
            if (address == null) {
                throw new IllegalArgumentException("[" + i + "]: '" + entry + "' (expected: an IP address or CIDR range)");
            }
            int maxPrefix = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? maxPrefix : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("[" + i + "]: '" + entry + "' (expected: prefix length 0.." + maxPrefix + ")");
            }
            ranges.add(new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT));
        }
        return new TrustedProxies(ranges);
    }

    /** Whether {@code address} is one of the trusted proxies. */
    public boolean trusts(InetAddress address) {
        if (ranges.isEmpty()) {
            return false;
        }
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule range : ranges) {
            if (range.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client of a request that came from {@code peer} with this {@code X-Forwarded-For} (null when
     * absent): {@code peer} itself unless it is trusted, else the right-most untrusted hop. A hop that is not
     * an IP address stops the walk at the last trusted hop, since no proxy of ours writes one.
     */
    public InetAddress clientOf(InetAddress peer, String forwardedFor) {
        if (forwardedFor == null || !trusts(peer)) {
            return peer;
        }
        InetAddress client = peer;
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0 && i >= hops.length - MAX_HOPS; i--) {
            InetAddress hop = NetUtil.createInetAddressFromIpAddressString(hops[i].strip());
            if (hop == null) {
                return client;
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }
}
