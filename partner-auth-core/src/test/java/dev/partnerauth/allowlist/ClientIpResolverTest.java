package dev.partnerauth.allowlist;

import static dev.partnerauth.allowlist.IpRuleTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {
    private final ClientIpResolver behindProxies = new ClientIpResolver(IpAllowlist.parse(List.of("10.0.0.0/8", "2001:db8:ffff::/48")));

    @Test
    void resolveWhenNoTrustedProxiesThenForwardingHeadersIgnored() {
        Optional<java.net.InetAddress> client = ClientIpResolver.direct()
                .resolve("203.0.113.7", List.of("198.51.100.1"), List.of("for=198.51.100.1"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenPeerNotTrustedThenXffIgnored() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("203.0.113.7", List.of("198.51.100.1"), List.of());

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenPeerTrustedThenRightMostUntrustedHop() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2",
                List.of("198.51.100.66, 203.0.113.7"), List.of());

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenChainOfTrustedProxiesThenFirstUntrustedFromTheRight() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.3",
                List.of("198.51.100.66, 203.0.113.7", "10.0.0.1, 10.0.0.2"), List.of());

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenEveryHopTrustedThenLeftMostHop() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.3", List.of("10.0.0.1, 10.0.0.2"), List.of());

        assertEquals(Optional.of(ip("10.0.0.1")), client);
    }

    @Test
    void resolveWhenSpoofedHopLeftOfClientThenIgnored() {
        // the caller sent "X-Forwarded-For: 10.9.9.9"; the proxy appended the caller's real address
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2", List.of("10.9.9.9, 203.0.113.7"), List.of());

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenForwardedWithQuotedIpv6AndPortThenThatAddress() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2", List.of(),
                List.of("for=\"[2001:db8::1]:4711\";proto=https;by=10.0.0.2"));

        assertEquals(Optional.of(ip("2001:db8::1")), client);
    }

    @Test
    void resolveWhenForwardedHasSeveralElementsThenRightMostUntrusted() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2", List.of(),
                List.of("for=198.51.100.66, for=203.0.113.7;proto=https", "For=10.0.0.1"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenBothHeadersThenXffPreferred() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2", List.of("203.0.113.7"),
                List.of("for=198.51.100.66"));

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenXffHopHasPortThenPortDropped() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2", List.of("203.0.113.7:5555"), List.of());

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenGarbageHopThenLastTrustedProxy() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2",
                List.of("203.0.113.7, evil.example.com, 10.0.0.1"), List.of());

        assertEquals(Optional.of(ip("10.0.0.1")), client);
    }

    @Test
    void resolveWhenForwardedObfuscatedThenPeer() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("10.0.0.2", List.of(), List.of("for=unknown"));

        assertEquals(Optional.of(ip("10.0.0.2")), client);
    }

    @Test
    void resolveWhenTrustedPeerSendsNoHeadersThenPeer() {
        assertEquals(Optional.of(ip("10.0.0.2")), behindProxies.resolve("10.0.0.2", List.of(), List.of()));
    }

    @Test
    void resolveWhenRemoteAddressIsBracketedIpv6ThenParsed() {
        assertEquals(Optional.of(ip("2001:db8::7")), ClientIpResolver.direct().resolve("[2001:db8::7]", List.of(), List.of()));
    }

    @Test
    void resolveWhenBracketedIpv6PeerIsTrustedThenHeadersHonoured() {
        Optional<java.net.InetAddress> client = behindProxies.resolve("[2001:db8:ffff::1]", List.of("203.0.113.7"), List.of());

        assertEquals(Optional.of(ip("203.0.113.7")), client);
    }

    @Test
    void resolveWhenRemoteAddressIsNotALiteralThenEmpty() {
        assertTrue(ClientIpResolver.direct().resolve("localhost", List.of(), List.of()).isEmpty());
        assertTrue(ClientIpResolver.direct().resolve(null, List.of(), List.of()).isEmpty());
        assertTrue(ClientIpResolver.direct().resolve("fe80::1%eth0", List.of(), List.of()).isEmpty());
    }
}
