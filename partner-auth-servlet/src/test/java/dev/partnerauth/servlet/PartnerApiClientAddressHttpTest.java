package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.AUTHENTICATE;
import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.authenticateBody;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.ForwardedHeader;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.servlet.testing.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Who the client is: the connection's address, forwarding headers only from trusted proxies, never the Host header. */
class PartnerApiClientAddressHttpTest {
    private static final List<String> LOOPBACK_PROXIES = List.of("127.0.0.1/32", "::1/128");

    @ContainerTest
    void authenticateWhenUntrustedPeerSendsForwardedForThenIgnored(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().keyAllowedIps(List.of("203.0.113.7"))
                .start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("X-Forwarded-For", "203.0.113.7", "Forwarded", "for=203.0.113.7"));

            assertEquals(403, response.status());
            assertEquals("127.0.0.1", host.auth.recentAuditEvents(1).get(0).clientIp());
        }
    }

    @ContainerTest
    void authenticateWhenTrustedProxySendsForwardedForThenHonoured(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().keyAllowedIps(List.of("203.0.113.7"))
                .auth(b -> b.trustedProxies(LOOPBACK_PROXIES)).start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("X-Forwarded-For", "203.0.113.7"));

            assertEquals(200, response.status(), response.body());
            assertEquals("203.0.113.7", host.auth.recentAuditEvents(1).get(0).clientIp());
        }
    }

    @ContainerTest
    void authenticateWhenTrustedProxyForwardsSpoofedChainThenRightMostUntrustedHopIsClient(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().keyAllowedIps(List.of("203.0.113.7"))
                .auth(b -> b.trustedProxies(LOOPBACK_PROXIES)).start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("X-Forwarded-For", "203.0.113.7, 198.51.100.9"));

            assertEquals(403, response.status());
            assertEquals("198.51.100.9", host.auth.recentAuditEvents(1).get(0).clientIp());
        }
    }

    @ContainerTest
    void authenticateWhenProxiesWriteForwardedThenCallersOwnXffIgnored(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().keyAllowedIps(List.of("203.0.113.7"))
                .auth(b -> b.trustedProxies(LOOPBACK_PROXIES).forwardedHeader(ForwardedHeader.FORWARDED))
                .start(containers)) {
            // the caller wrote X-Forwarded-For itself; the proxy only appends to Forwarded
            Http.Response response = host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("X-Forwarded-For", "203.0.113.7", "Forwarded", "for=198.51.100.9"));

            assertEquals(403, response.status());
            assertEquals("198.51.100.9", host.auth.recentAuditEvents(1).get(0).clientIp());
        }
    }

    @ContainerTest
    void authenticateWhenProxiesWriteForwardedAndClientAllowedThenAccepted(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().keyAllowedIps(List.of("203.0.113.7"))
                .auth(b -> b.trustedProxies(LOOPBACK_PROXIES).forwardedHeader(ForwardedHeader.FORWARDED))
                .start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("X-Forwarded-For", "198.51.100.9", "Forwarded", "for=203.0.113.7;proto=https"));

            assertEquals(200, response.status(), response.body());
        }
    }

    @ContainerTest
    void authenticateWhenTrustedProxyForwardsGarbledHopThenForbiddenAndAudited(Containers containers) {
        // the key allows the proxy's own address: falling back to it would let the caller in
        try (PartnerAuthFixture host = PartnerAuthFixture.options().keyAllowedIps(LOOPBACK_PROXIES)
                .auth(b -> b.trustedProxies(LOOPBACK_PROXIES)).start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("X-Forwarded-For", "unknown"));

            assertEquals(PartnerApiRejectionHttpTest.FORBIDDEN, response.body());
            AuditEvent event = host.auth.recentAuditEvents(1).get(0);
            assertEquals(AuditEventType.CLIENT_ADDRESS_REFUSED, event.type());
            assertEquals("FORWARDED_HOP_INVALID", event.reason());
        }
    }

    @ContainerTest
    void launchWhenTrustedProxyForwardsGarbledHopThenForbiddenAndTokenNotBurned(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().auth(b -> b.trustedProxies(LOOPBACK_PROXIES))
                .start(containers)) {
            String token = host.token();
            String body = "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}";

            Http.Response refused = host.post(CREATE_QUOTE, body,
                    Map.of("Authorization", "Bearer " + token, "X-Forwarded-For", "203.0.113.7, [::1"));
            Http.Response accepted = host.post(CREATE_QUOTE, body,
                    Map.of("Authorization", "Bearer " + token, "X-Forwarded-For", "203.0.113.7"));

            assertEquals(403, refused.status(), refused.body());
            assertEquals(200, accepted.status(), accepted.body());
        }
    }

    @ContainerTest
    void authenticateWhenIpv6LoopbackClientAndKeyAllowsItThenAccepted(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().keyAllowedIps(List.of("::1/128"))
                .start(containers)) {
            Http.Response response = Http.plain().post(URI.create(host.server.baseUriIpv6() + AUTHENTICATE),
                    authenticateBody(host.key, USER_ID), Map.of());

            assertEquals(200, response.status(), response.body());
        }
    }

    @ContainerTest
    void authenticateWhenIpv4ClientAndKeyAllowsOnlyIpv6LoopbackThenForbidden(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().keyAllowedIps(List.of("::1/128"))
                .start(containers)) {
            assertEquals(PartnerApiRejectionHttpTest.FORBIDDEN, host.authenticate().body());
        }
    }

    @ContainerTest
    void launchWhenHostHeaderForgedThenUrlStillOnPublicBaseUrl(Containers containers) throws IOException {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            byte[] body = "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}".getBytes(UTF_8);

            RawHttp.Response response = RawHttp.send(host.server.uri(CREATE_QUOTE), "POST " + CREATE_QUOTE
                    + " HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                    + "Authorization: Bearer " + host.token() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n", body);

            assertEquals(200, response.status(), response.bodyText());
            String url = (String) json(response.bodyText()).get("url");
            assertTrue(url.startsWith("https://cpq.example.com/cpq/opportunities/0065g00000AbCdEAAV/quotes/new?launch="),
                    url);
        }
    }

    // ---- a proxy on a Unix-domain socket: the container reports a peer that is not an IP address

    /** Registers, before partner-auth's filters, one that makes every request arrive as over a Unix-domain socket. */
    private static PartnerAuthFixture.Options behindUnixSocket(PartnerAuthFixture.Options options) {
        return options.registration((ctx, filters) -> {
            ctx.addFilter("unix-socket-peer", (jakarta.servlet.Filter) (req, res, chain) -> chain.doFilter(
                    new jakarta.servlet.http.HttpServletRequestWrapper((jakarta.servlet.http.HttpServletRequest) req) {
                        @Override
                        public String getRemoteAddr() {
                            return "/run/cpq/http.sock";
                        }
                    }, res)).addMappingForUrlPatterns(null, false, "/*");
            filters.register(ctx);
        });
    }

    @ContainerTest
    void authenticateWhenUnixSocketProxyTrustedThenEachForwardedClientHasItsOwnThrottleCount(Containers containers) {
        try (PartnerAuthFixture host = behindUnixSocket(PartnerAuthFixture.options()
                .auth(b -> b.trustedProxies(List.of("unix")))).start(containers)) {
            for (int i = 0; i < 10; i++) {
                host.post(AUTHENTICATE, authenticateBody("pak_junk" + i, USER_ID), Map.of("X-Forwarded-For", "203.0.113.7"));
            }

            Http.Response flooder = host.post(AUTHENTICATE, authenticateBody("pak_junk", USER_ID),
                    Map.of("X-Forwarded-For", "203.0.113.7"));
            Http.Response neighbour = host.post(AUTHENTICATE, authenticateBody("pak_typo", USER_ID),
                    Map.of("X-Forwarded-For", "198.51.100.9"));

            assertEquals(429, flooder.status());
            assertEquals(403, neighbour.status(), "another client behind the same socket is not the flooder");
            assertEquals("198.51.100.9", host.auth.recentAuditEvents(1).get(0).clientIp());
        }
    }

    @ContainerTest
    void authenticateWhenUnixSocketProxyNotTrustedThenForwardingIgnoredAndGoodKeyStillAccepted(Containers containers) {
        try (PartnerAuthFixture host = behindUnixSocket(PartnerAuthFixture.options()).start(containers)) {
            for (int i = 0; i < 10; i++) {
                host.post(AUTHENTICATE, authenticateBody("pak_junk" + i, USER_ID), Map.of("X-Forwarded-For", "203.0.113.7"));
            }

            // one unknown client to the throttle: the junk is slowed, the partner's key is not
            assertEquals(429, host.post(AUTHENTICATE, authenticateBody("pak_typo", USER_ID),
                    Map.of("X-Forwarded-For", "198.51.100.9")).status());
            assertEquals(200, host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("X-Forwarded-For", "198.51.100.9")).status());
        }
    }
}
