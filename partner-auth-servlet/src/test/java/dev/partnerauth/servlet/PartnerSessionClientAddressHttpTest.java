package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static dev.partnerauth.servlet.PartnerLaunchFlowHttpTest.launchUrlPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import java.util.List;
import java.util.Map;

/**
 * A request that carries a partner session through a trusted proxy that forwarded a garbled hop:
 * the client address cannot be told, so the session's grounds cannot be checked. It is refused as
 * the Partner API refuses it (403, a page on the host's pages, the JSON {@code Forbidden} under
 * {@code /api/v1/}), never a 500, and the session is not ended by it.
 */
class PartnerSessionClientAddressHttpTest {
    private static final List<String> LOOPBACK_PROXIES = List.of("127.0.0.1/32", "::1/128");

    private static PartnerAuthFixture behindProxy(Containers containers) {
        return PartnerAuthFixture.options().auth(b -> b.trustedProxies(LOOPBACK_PROXIES)).start(containers);
    }

    private static String signedIn(PartnerAuthFixture host) {
        Http.Response landed = host.land(launchUrlPath(host), null);
        assertEquals(303, landed.status(), landed.body());
        return sessionCookie(landed).orElseThrow();
    }

    @ContainerTest
    void pageWhenPartnerSessionAndGarbledForwardedHopThen403PageAndSessionKept(Containers containers) {
        try (PartnerAuthFixture host = behindProxy(containers)) {
            String cookie = signedIn(host);

            Http.Response refused = Http.plain().get(host.server.uri("/cpq/home"),
                    Map.of("Cookie", cookie, "X-Forwarded-For", "203.0.113.7, [::1"));

            assertEquals(403, refused.status(), refused.body());
            assertTrue(refused.header("Content-Type").orElseThrow().startsWith("text/html"));
            assertTrue(refused.body().contains("Request refused"), refused.body());
            assertTrue(host.pages.isEmpty(), "the host's page did not run with an unchecked partner");
            assertEquals(USER_ID, host.principalOnPage(cookie).orElseThrow().user().userId(), "not signed out by it");
        }
    }

    @ContainerTest
    void adminApiWhenPartnerSessionAndGarbledForwardedHopThenJsonForbidden(Containers containers) {
        try (PartnerAuthFixture host = behindProxy(containers)) {
            String cookie = signedIn(host);

            Http.Response refused = host.send("GET", PartnerAuthFixture.ADMIN + "/keys", null,
                    Map.of("Cookie", cookie, "X-Forwarded-For", "unknown"));

            assertEquals(PartnerApiRejectionHttpTest.FORBIDDEN, refused.body());
            assertEquals(403, refused.status());
        }
    }

    @ContainerTest
    void landingWhenGarbledForwardedHopThenRefusedAndCodeKept(Containers containers) {
        try (PartnerAuthFixture host = behindProxy(containers)) {
            String landing = launchUrlPath(host);

            Http.Response refused = Http.plain().navigate(host.server.uri(landing), Map.of("X-Forwarded-For", "unknown"));
            Http.Response landed = host.land(landing, null);

            assertEquals(403, refused.status(), refused.body());
            assertEquals(303, landed.status(), "a refused hop spends nothing");
        }
    }
}
