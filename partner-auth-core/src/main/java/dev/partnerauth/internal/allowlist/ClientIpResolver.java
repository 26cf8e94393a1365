package dev.partnerauth.internal.allowlist;

import dev.partnerauth.ForbiddenException;
import dev.partnerauth.allowlist.ForwardedHeader;
import dev.partnerauth.allowlist.IpAllowlist;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the address of the client that made a request. The connection's remote address is the
 * answer unless that peer is a configured trusted proxy; only then is the one configured {@link
 * ForwardedHeader} read, right to left, and the first hop that is not itself a trusted proxy is the
 * client. A caller that is not behind a trusted proxy therefore cannot spoof its way into an
 * allowlist by sending forwarding headers, and a caller behind one cannot use the header that the
 * proxy does not write.
 *
 * <p>A hop that a trusted proxy wrote but that is not an address (garbled, obfuscated, empty) is
 * refused rather than replaced by the proxy's own address: the proxy's address may be on an
 * allowlist, or shared by every client behind it in the throttles. Thread-safe.
 */
public final class ClientIpResolver {
    private final IpAllowlist trustedProxies;
    private final ForwardedHeader header;
    private final boolean trustLocalSocket;

    /** Trusts {@code X-Forwarded-For} from these proxies; see {@link #ClientIpResolver(IpAllowlist, ForwardedHeader)}. */
    public ClientIpResolver(IpAllowlist trustedProxies) {
        this(trustedProxies, ForwardedHeader.X_FORWARDED_FOR);
    }

    /**
     * @param trustedProxies the proxies whose forwarding header is believed; empty: none
     * @param header         the header those proxies write
     */
    public ClientIpResolver(IpAllowlist trustedProxies, ForwardedHeader header) {
        this(trustedProxies, header, false);
    }

    /**
     * @param trustLocalSocket whether a peer that is not an IP address (a Unix-domain socket, which
     *                         only a process on this machine can open: the host's own proxy) is a
     *                         trusted proxy too, so that each client behind it is told apart by the
     *                         forwarding header instead of all sharing one unknown address
     */
    public ClientIpResolver(IpAllowlist trustedProxies, ForwardedHeader header, boolean trustLocalSocket) {
        this.trustedProxies = Objects.requireNonNull(trustedProxies, "trustedProxies");
        this.header = Objects.requireNonNull(header, "header");
        this.trustLocalSocket = trustLocalSocket;
    }

    /** Whether a peer that is not an IP address is trusted as a proxy. */
    public boolean trustsLocalSocket() {
        return trustLocalSocket;
    }

    /** Ignores every forwarding header. */
    public static ClientIpResolver direct() {
        return new ClientIpResolver(IpAllowlist.ANY);
    }

    /** The header whose values {@link #resolve} expects. */
    public ForwardedHeader header() {
        return header;
    }

    /**
     * @param remoteAddress the connection's peer address, as a numeric literal
     * @param headerValues  every value of the {@link #header()} header, in the order received
     * @return the client address, or empty when it cannot be known: the remote address is not a
     *         numeric literal and is not trusted ({@code trustLocalSocket}), or is trusted but
     *         forwarded no hop
     * @throws ForbiddenException ({@link ForbiddenException.Reason#FORWARDED_HOP_INVALID}) when a
     *                            trusted proxy forwarded a hop that is not an address
     */
    public Optional<InetAddress> resolve(String remoteAddress, List<String> headerValues) {
        Objects.requireNonNull(headerValues, "headerValues");
        Optional<InetAddress> peer = remoteAddress == null ? Optional.empty() : IpLiteral.parse(stripBrackets(remoteAddress));
        boolean trustedPeer = peer.isEmpty()
                ? trustLocalSocket
                : !trustedProxies.rules().isEmpty() && trustedProxies.permits(peer.get());
        if (!trustedPeer) {
            return peer;
        }
        if (headerValues.isEmpty()) {
            // the proxy's own request (a health check), or a proxy that forwards nothing
            return peer;
        }
        List<String> hops = header == ForwardedHeader.X_FORWARDED_FOR ? splitXff(headerValues) : splitForwarded(headerValues);
        InetAddress client = peer.orElse(null);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiteral.parse(hostOnly(hops.get(i)));
            if (hop.isEmpty()) {
                throw new ForbiddenException(ForbiddenException.Reason.FORWARDED_HOP_INVALID);
            }
            client = hop.get();
            // an empty allowlist permits every address, but here it means no address is a proxy
            if (trustedProxies.rules().isEmpty() || !trustedProxies.permits(client)) {
                return hop;
            }
        }
        return Optional.ofNullable(client);
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

    /** The {@code for} value of each element; an element without one, or with two, is a garbled hop (""). */
    private static List<String> splitForwarded(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String v : values) {
            for (String element : v.split(",", -1)) {
                String forValue = null;
                boolean garbled = false;
                for (String pair : element.split(";", -1)) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        garbled |= !pair.isBlank();
                        continue;
                    }
                    if (pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                        garbled |= forValue != null;
                        forValue = pair.substring(eq + 1).trim();
                    }
                }
                if (forValue != null && forValue.length() >= 2 && forValue.startsWith("\"") && forValue.endsWith("\"")) {
                    forValue = forValue.substring(1, forValue.length() - 1);
                }
                hops.add(garbled || forValue == null ? "" : forValue);
            }
        }
        return hops;
    }

    /** Drops brackets and a port: {@code [2001:db8::1]:443}, {@code 192.0.2.1:8080}. */
    private static String hostOnly(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            if (end < 0) {
                return "";
            }
            String rest = hop.substring(end + 1);
            return rest.isEmpty() || isPort(rest) ? hop.substring(1, end) : "";
        }
        int colon = hop.indexOf(':');
        if (colon >= 0 && colon == hop.lastIndexOf(':')) {
            return isPort(hop.substring(colon)) ? hop.substring(0, colon) : "";
        }
        return hop;
    }

    /** {@code :1} to {@code :65535}, decimal digits only. */
    private static boolean isPort(String colonAndDigits) {
        if (colonAndDigits.length() < 2 || colonAndDigits.length() > 6 || colonAndDigits.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < colonAndDigits.length(); i++) {
            if (colonAndDigits.charAt(i) < '0' || colonAndDigits.charAt(i) > '9') {
                return false;
            }
        }
        int port = Integer.parseInt(colonAndDigits.substring(1));
        return port >= 1 && port <= 65535;
    }

    private static String stripBrackets(String address) {
        if (address != null && address.startsWith("[") && address.endsWith("]")) {
            return address.substring(1, address.length() - 1);
        }
        return address;
    }
}
