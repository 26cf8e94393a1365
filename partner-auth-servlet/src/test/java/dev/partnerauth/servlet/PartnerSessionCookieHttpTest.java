package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.pathAndQuery;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookieAttributes;
import static dev.partnerauth.servlet.PartnerLaunchFlowHttpTest.launchUrlPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The session cookie: first-party {@code SameSite=Lax} by default, set at the landing step only;
 * {@code SameSite=None; Secure; Partitioned} in the embedded mode; also on the create/open answer
 * with {@code SameSite=None} in the DealHub-compatible mode; the host's own session cookie left as
 * the host configured it unless it asks partner-auth to configure it.
 */
class PartnerSessionCookieHttpTest {

    private static PartnerAuthFixture withHostSessionPage(Containers containers,
                                                         java.util.function.Consumer<PartnerAuthFilters.Builder> filters) {
        return PartnerAuthFixture.options().filters(filters).registration((ctx, f) -> {
            f.register(ctx);
            ctx.addServlet("host-session", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    request.getSession(true);
                    response.getWriter().write("ok");
                }
            }).addMapping("/host/session");
        }).start(containers);
    }

    @ContainerTest
    void launchWhenDefaultThenNoSessionAndNoCookie(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response launched = host.launch(CREATE_QUOTE, host.token(), "{\"opportunity_id\":\"006\"}");

            assertEquals(200, launched.status());
            assertEquals(List.of(), launched.headers().allValues("Set-Cookie"));
        }
    }

    @ContainerTest
    void landingWhenDefaultThenFirstPartyLaxSecureHttpOnlyCookie(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response landed = host.land(launchUrlPath(host), null);

            Map<String, String> cookie = sessionCookieAttributes(landed);
            assertEquals("Lax", cookie.get("samesite"));
            assertTrue(cookie.containsKey("secure"), cookie.toString());
            assertTrue(cookie.containsKey("httponly"), cookie.toString());
            assertFalse(cookie.containsKey("partitioned"), cookie.toString());
            assertEquals("/", cookie.get("path"), "the container's path is kept");
            assertEquals(1, landed.headers().allValues("Set-Cookie").size(), landed.headers().toString());
        }
    }

    @ContainerTest
    void landingWhenEmbeddedThenPartitionedCrossSiteCookie(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().filters(f -> f.embedded(true)).start(containers)) {
            Http.Response landed = host.land(launchUrlPath(host), null);

            Map<String, String> cookie = sessionCookieAttributes(landed);
            assertEquals("None", cookie.get("samesite"));
            assertTrue(cookie.containsKey("secure"), cookie.toString());
            assertTrue(cookie.containsKey("httponly"), cookie.toString());
            assertTrue(cookie.containsKey("partitioned"), cookie.toString());
            assertTrue(host.principalOnPage(sessionCookie(landed).orElseThrow()).isPresent());
        }
    }

    @ContainerTest
    void landingPagesWhenEmbeddedThenFramableByPrmOriginsOnly(Containers containers) {
        try (PartnerAuthFixture embedded = PartnerAuthFixture.options().filters(f -> f.embedded(true)).start(containers);
             PartnerAuthFixture topLevel = PartnerAuthFixture.start(containers)) {
            Http.Response inFrame = embedded.land("/cpq/home?launch=not-a-code", null);
            Http.Response notEmbedded = topLevel.land("/cpq/home?launch=not-a-code", null);

            assertEquals(403, inFrame.status());
            assertTrue(inFrame.header("Content-Security-Policy").orElseThrow()
                    .endsWith("frame-ancestors " + PartnerAuthFixture.PRM_ORIGIN), inFrame.headers().toString());
            assertTrue(notEmbedded.header("Content-Security-Policy").orElseThrow().endsWith("frame-ancestors 'none'"));
        }
    }

    @ContainerTest
    void launchWhenSessionOnLaunchResponseThenCrossSiteCookieAndLandingRotatesToLax(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().filters(f -> f.sessionOnLaunchResponse(true))
                .start(containers)) {
            Http.Response launched = host.launch(CREATE_QUOTE, host.token(), "{\"opportunity_id\":\"006\"}");
            Map<String, String> crossSite = sessionCookieAttributes(launched);
            String launchCookie = sessionCookie(launched).orElseThrow();
            boolean signedInBeforeLanding = host.principalOnPage(launchCookie).isPresent();

            Http.Response landed = host.land(pathAndQuery((String) json(launched).get("url")), launchCookie);

            assertEquals("None", crossSite.get("samesite"));
            assertTrue(crossSite.containsKey("secure"), crossSite.toString());
            assertTrue(signedInBeforeLanding, "DealHub's cross-site session signs in by itself");
            assertEquals(303, landed.status());
            assertEquals("Lax", sessionCookieAttributes(landed).get("samesite"));
            assertNotEquals(launchCookie, sessionCookie(landed).orElseThrow());
        }
    }

    @ContainerTest
    void hostSessionWhenNotAskedToConfigureThenContainerCookieLeftAlone(Containers containers) {
        try (PartnerAuthFixture host = withHostSessionPage(containers, f -> { })) {
            Http.Response page = Http.plain().get(host.server.uri("/host/session"));

            Map<String, String> cookie = sessionCookieAttributes(page);
            assertFalse(cookie.containsKey("samesite"), cookie.toString());
            assertFalse(cookie.containsKey("secure"), cookie.toString());
        }
    }

    @ContainerTest
    void hostSessionWhenAskedToConfigureThenLaxSecureHttpOnly(Containers containers) {
        try (PartnerAuthFixture host = withHostSessionPage(containers, f -> f.configureSessionCookie(true))) {
            Http.Response page = Http.plain().get(host.server.uri("/host/session"));

            Map<String, String> cookie = sessionCookieAttributes(page);
            assertEquals("lax", cookie.get("samesite").toLowerCase(java.util.Locale.ROOT), cookie.toString());
            assertTrue(cookie.containsKey("secure"), cookie.toString());
            assertTrue(cookie.containsKey("httponly"), cookie.toString());
        }
    }

    @ContainerTest
    void hostSessionWhenAskedToConfigureInEmbeddedModeThenNonePartitioned(Containers containers) {
        try (PartnerAuthFixture host = withHostSessionPage(containers,
                f -> f.configureSessionCookie(true).embedded(true))) {
            Http.Response page = Http.plain().get(host.server.uri("/host/session"));

            Map<String, String> cookie = sessionCookieAttributes(page);
            assertEquals("none", cookie.get("samesite").toLowerCase(java.util.Locale.ROOT), cookie.toString());
            assertEquals("", cookie.get("partitioned"), cookie.toString());
        }
    }
}
