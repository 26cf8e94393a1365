package dev.partnerauth.allowlist;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the address of the client that made a request. The connection's remote address is the
 * answer unless that peer is a configured trusted proxy; only then are {@code X-Forwarded-For}
 * (preferred) or {@code Forwarded} read, right to left, and the first hop that is not itself a
 * trusted proxy is the client. A caller that is not behind a trusted proxy therefore cannot
 * spoof its way into an allowlist by sending these headers.
 */
public final class ClientIpResolver {
    private final IpAllowlist trustedProxies;

    /** @param trustedProxies the proxies whose forwarding headers are believed; empty: none */
    public ClientIpResolver(IpAllowlist trustedProxies) {
        this.trustedProxies = java.util.Objects.requireNonNull(trustedProxies, "trustedProxies");
    }

    /** Ignores every forwarding header. */
    public static ClientIpResolver direct() {
        return new ClientIpResolver(IpAllowlist.ANY);
    }

    /**
     * @param remoteAddress   the connection's peer address, as a numeric literal
     * @param xForwardedFor   every {@code X-Forwarded-For} header value, in order received
     * @param forwarded       every {@code Forwarded} header value, in order received
     * @return the client address, or empty when the remote address is not a numeric literal
     */
    public Optional<InetAddress> resolve(String remoteAddress, List<String> xForwardedFor, List<String> forwarded) {
        Optional<InetAddress> peer = IpLiteral.parse(stripBrackets(remoteAddress));
        if (peer.isEmpty() || trustedProxies.rules().isEmpty() || !trustedProxies.permits(peer.get())) {
            return peer;
        }
        List<String> hops = !xForwardedFor.isEmpty() ? splitXff(xForwardedFor) : splitForwarded(forwarded);
        InetAddress client = peer.get();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiteral.parse(hostOnly(hops.get(i)));
            if (hop.isEmpty()) {
                // an obfuscated or garbled hop: the last trusted proxy is the best we know
                return Optional.of(client);
            }
            client = hop.get();
            if (!trustedProxies.permits(client)) {
                return hop;
            }
        }
        return Optional.of(client);
    }

    private static List<String> splitXff(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",", -1)) {
                hops.add(part.trim());
            }
        }
        return hops;
    }

    private static List<String> splitForwarded(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String v : values) {
            for (String element : v.split(",", -1)) {
                String forValue = "";
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                        forValue = pair.substring(eq + 1).trim();
                    }
                }
                if (forValue.length() >= 2 && forValue.startsWith("\"") && forValue.endsWith("\"")) {
                    forValue = forValue.substring(1, forValue.length() - 1);
                }
                hops.add(forValue);
            }
        }
        return hops;
    }

    /** Drops brackets and a port: {@code [2001:db8::1]:443}, {@code 192.0.2.1:8080}. */
    private static String hostOnly(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? "" : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        if (colon >= 0 && colon == hop.lastIndexOf(':')) {
            return hop.substring(0, colon);
        }
        return hop;
    }

    private static String stripBrackets(String address) {
        if (address != null && address.startsWith("[") && address.endsWith("]")) {
            return address.substring(1, address.length() - 1);
        }
        return address;
    }
}
