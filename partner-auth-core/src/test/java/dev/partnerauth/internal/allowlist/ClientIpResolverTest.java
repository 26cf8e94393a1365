package dev.partnerauth.internal.allowlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.ForbiddenException;
import dev.partnerauth.allowlist.ForwardedHeader;
import dev.partnerauth.allowlist.IpAllowlist;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {
    private final ClientIpResolver behindProxies = new ClientIpResolver(IpAllowlist.parse(List.of("10.0.0.0/8", "2001:db8:ffff::/48")));

    private final ClientIpResolver behindForwardedProxies = new ClientIpResolver(
            IpAllowlist.parse(List.of("10.0.0.0/8", "2001:db8:ffff::/48")), ForwardedHeader.FORWARDED);

    @Test
    void resolveWhenNoTrustedProxiesThenForwardingHeadersIgnored() {
        Optional<java.net.InetAddress> client = ClientIpResolver.direct().resolve("203.0.113.7", List.of("198.51.100.1"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenPeerNotTrustedThenXffIgnored() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("203.0.113.7", List.of("198.51.100.1"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenPeerTrustedThenRightMostUntrustedHop() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2",
                List.of("198.51.100.66, 203.0.113.7"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenChainOfTrustedProxiesThenFirstUntrustedFromTheRight() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.3",
                List.of("198.51.100.66, 203.0.113.7", "10.0.0.1, 10.0.0.2"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenEveryHopTrustedThenLeftMostHop() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.3", List.of("10.0.0.1, 10.0.0.2"));

        assertEquals(Optional.of(ip("10.0.0.1")), client);
    }

    @Test
    void resolveWhenSpoofedHopLeftOfClientThenIgnored() {
        // the caller sent "X-Forwarded-For: 10.9.9.9"; the proxy appended the caller's real address
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2", List.of("10.9.9.9, 203.0.113.7"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenForwardedWithQuotedIpv6AndPortThenThatAddress() {
        Optional<java.net.InetAddress> client = behindForwardedProxies.resolve("10.0.0.2",
                List.of("for=\"[2001:db8::1]:4711\";proto=https;by=10.0.0.2"));

        assertEquals(Optional.of(ip("2001:db8::1")), client);
    }

    @Test
    void resolveWhenForwardedHasSeveralElementsThenRightMostUntrusted() {
        Optional<java.net.InetAddress> client = behindForwardedProxies.resolve("10.0.0.2",
                List.of("for=198.51.100.66, for=203.0.113.7;proto=https", "For=10.0.0.1"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenProxiesWriteForwardedThenCallersXffNeverReachesTheResolver() {
        // the filter hands over only the configured header; a caller's X-Forwarded-For is not read
        assertEquals(ForwardedHeader.FORWARDED, behindForwardedProxies.header());
        assertEquals(ForwardedHeader.X_FORWARDED_FOR, behindProxies.header());
    }

    @Test
    void resolveWhenXffHopHasPortThenPortDropped() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2", List.of("203.0.113.7:5555"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenGarbageHopFromTrustedProxyThenRefusedNotReplacedByProxy() {
        assertGarbled(behindProxies, "203.0.113.7, evil.example.com, 10.0.0.1");
    }

    @Test
    void resolveWhenEmptyHopThenRefused() {
        assertGarbled(behindProxies, "203.0.113.7, , 10.0.0.1");
        assertGarbled(behindProxies, "203.0.113.7,");
        assertGarbled(behindProxies, "");
    }

    @Test
    void resolveWhenXffHopHasBadPortOrBracketsThenRefused() {
        assertGarbled(behindProxies, "203.0.113.7:99999");
        assertGarbled(behindProxies, "203.0.113.7:http");
        assertGarbled(behindProxies, "[2001:db8::1");
        assertGarbled(behindProxies, "[2001:db8::1]x");
        assertGarbled(behindProxies, "203.0.113.007");
    }

    @Test
    void resolveWhenGarbageLeftOfTheClientThenIgnored() {
        // what the caller wrote before its own address is never read
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2", List.of("not an ip, 203.0.113.7"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenForwardedObfuscatedOrUnknownThenRefused() {
        assertGarbled(behindForwardedProxies, "for=unknown");
        assertGarbled(behindForwardedProxies, "for=_hidden");
        assertGarbled(behindForwardedProxies, "proto=https");
        assertGarbled(behindForwardedProxies, "for=203.0.113.7;for=198.51.100.1");
        assertGarbled(behindForwardedProxies, "for=203.0.113.7, garbage");
        assertGarbled(behindForwardedProxies, "for=203.0.113.7,");
    }

    @Test
    void resolveWhenGarbledHeaderFromUntrustedPeerThenPeerAndNoRefusal() {
        assertEquals(Optional.of(ip("203.0.113.9")), behindProxies.resolve("203.0.113.9", List.of("garbage")));
    }

    private static void assertGarbled(ClientIpResolver resolver, String header) {
        ForbiddenException e = assertThrows(ForbiddenException.class, () -> resolver.resolve("10.0.0.2", List.of(header)),
                header);
        assertEquals(ForbiddenException.Reason.FORWARDED_HOP_INVALID, e.reason());
    }

    @Test
    void resolveWhenTrustedPeerSendsNoHeadersThenPeer() {
        assertEquals(Optional.of(ip("10.0.0.2")), behindForwardedProxies.resolve("10.0.0.2", List.of()));
    }

    @Test
    void resolveWhenRemoteAddressIsBracketedIpv6ThenParsed() {
        assertEquals(Optional.of(ip("2001:db8::7")), ClientIpResolver.direct().resolve("[2001:db8::7]", List.of()));
    }

    @Test
    void resolveWhenBracketedIpv6PeerIsTrustedThenHeadersHonoured() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("[2001:db8:ffff::1]", List.of("203.0.113.7"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenRemoteAddressIsNotALiteralThenEmpty() {
        assertTrue(ClientIpResolver.direct().resolve("localhost", List.of()).isEmpty());
        assertTrue(ClientIpResolver.direct().resolve(null, List.of()).isEmpty());
        assertTrue(ClientIpResolver.direct().resolve("fe80::1%eth0", List.of()).isEmpty());
    }

    @Test
    void resolveWhenUnixSocketPeerTrustedThenEachClientItForwardsToldApart() {
        ClientIpResolver behindSocket = new ClientIpResolver(IpAllowlist.ANY, ForwardedHeader.X_FORWARDED_FOR, true);

        // Jetty names a Unix-domain peer by its socket path, Tomcat may give an empty string
        assertEquals(Optional.of(ip("203.0.113.7")), behindSocket.resolve("/run/cpq/http.sock", List.of("203.0.113.7")));
        assertEquals(Optional.of(ip("198.51.100.9")), behindSocket.resolve("", List.of("198.51.100.9")));
        assertEquals(Optional.of(ip("203.0.113.7")), behindSocket.resolve(null, List.of("198.51.100.66, 203.0.113.7")),
                "the right-most hop: what the caller wrote left of it is not believed");
    }

    @Test
    void resolveWhenUnixSocketPeerTrustedBehindTrustedIpProxiesThenFirstUntrustedFromTheRight() {
        ClientIpResolver chain = new ClientIpResolver(IpAllowlist.parse(List.of("10.0.0.0/8")),
                ForwardedHeader.X_FORWARDED_FOR, true);

        assertEquals(Optional.of(ip("203.0.113.7")), chain.resolve("/run/cpq/http.sock", List.of("203.0.113.7, 10.1.2.3")));
    }

    @Test
    void resolveWhenUnixSocketPeerTrustedButForwardsNothingOrGarbageThenUnknownOrRefused() {
        ClientIpResolver behindSocket = new ClientIpResolver(IpAllowlist.ANY, ForwardedHeader.X_FORWARDED_FOR, true);

        assertTrue(behindSocket.resolve("/run/cpq/http.sock", List.of()).isEmpty());
        assertThrows(ForbiddenException.class, () -> behindSocket.resolve("/run/cpq/http.sock", List.of("unknown")));
    }

    @Test
    void resolveWhenUnixSocketPeerNotTrustedThenHeaderIgnoredAndUnknown() {
        ClientIpResolver ipProxiesOnly = new ClientIpResolver(IpAllowlist.parse(List.of("10.0.0.0/8")));

        assertTrue(ipProxiesOnly.resolve("/run/cpq/http.sock", List.of("203.0.113.7")).isEmpty());
    }

    @Test
    void resolveWhenOnlyUnixSocketTrustedThenAnIpPeersHeaderIsIgnored() {
        ClientIpResolver behindSocket = new ClientIpResolver(IpAllowlist.ANY, ForwardedHeader.X_FORWARDED_FOR, true);

        assertEquals(Optional.of(ip("198.51.100.1")), behindSocket.resolve("198.51.100.1", List.of("203.0.113.7")));
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
