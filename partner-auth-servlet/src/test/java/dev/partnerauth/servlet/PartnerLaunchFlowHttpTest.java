package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_OPPORTUNITY;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.pathAndQuery;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookieAttributes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Http;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The whole flow over HTTP: authenticate, launch with the token, land with the launch code, be signed in. */
class PartnerLaunchFlowHttpTest {

    @ContainerTest
    void authenticateWhenKeyValidThenSingleUseBearerTokenNotCached(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.authenticate();

            assertEquals(200, response.status(), response.body());
            assertEquals("no-store", response.header("Cache-Control").orElseThrow());
            assertTrue(response.header("Content-Type").orElseThrow().startsWith("application/json"));
            Map<String, Object> body = json(response);
            assertFalse(((String) body.get("access_token")).isEmpty());
            assertEquals("Bearer", body.get("token_type"));
            assertEquals(new BigDecimal(60), body.get("expires_in"));
            assertEquals(List.of(), body.get("errors"));
        }
    }

    @ContainerTest
    void createQuoteThenSignedInOnLandingPage(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            fullFlow(host, CREATE_QUOTE, "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}",
                    "/cpq/opportunities/0065g00000AbCdEAAV/quotes/new");
        }
    }

    @ContainerTest
    void openQuoteThenSignedInOnLandingPage(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            fullFlow(host, OPEN_QUOTE, "{\"opportunity_id\":\"0065g00000AbCdEAAV\",\"quote_id\":\"Q-00042\"}",
                    "/cpq/opportunities/0065g00000AbCdEAAV/quotes/Q-00042");
        }
    }

    @ContainerTest
    void openOpportunityThenSignedInOnLandingPage(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            fullFlow(host, OPEN_OPPORTUNITY, "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}",
                    "/cpq/opportunities/0065g00000AbCdEAAV");
        }
    }

    @ContainerTest
    void landingWhenLaunchUrlReplayedWithoutSessionThen403PageAndNoSession(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = launchUrlPath(host);
            Http.Response first = Http.plain().navigate(host.server.uri(landing));

            Http.Response replay = Http.plain().navigate(host.server.uri(landing));

            assertEquals(303, first.status());
            assertEquals(403, replay.status());
            assertTrue(replay.header("Content-Type").orElseThrow().startsWith("text/html"));
            assertTrue(replay.body().contains("Sign-in link not valid"), replay.body());
            assertEquals("no-store", replay.header("Cache-Control").orElseThrow());
            assertEquals("no-referrer", replay.header("Referrer-Policy").orElseThrow());
            assertTrue(sessionCookie(replay).isEmpty(), replay.headers().toString());
        }
    }

    @ContainerTest
    void landingWhenLaunchUrlReplayedWithSessionThenRedirectedWithoutCode(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = launchUrlPath(host);
            Http.Response first = Http.plain().navigate(host.server.uri(landing));
            String cookie = sessionCookie(first).orElseThrow();

            Http.Response reload = Http.plain().navigate(host.server.uri(landing), Map.of("Cookie", cookie));

            assertEquals(303, reload.status());
            assertEquals(first.header("Location"), reload.header("Location"));
            assertTrue(sessionCookie(reload).isEmpty(), "a reload must not mint a second session");
        }
    }

    @ContainerTest
    void landingWhenBrowserAlreadyHasSessionThenSessionIdRotated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response first = Http.plain().navigate(host.server.uri(launchUrlPath(host)));
            String fixed = sessionCookie(first).orElseThrow();
            Http.Response launched = host.launch(CREATE_QUOTE, host.token(), "{\"opportunity_id\":\"006\"}");

            Http.Response landed = Http.plain().navigate(host.server.uri(pathAndQuery((String) json(launched).get("url"))),
                    Map.of("Cookie", fixed));

            assertEquals(303, landed.status());
            String rotated = sessionCookie(landed).orElseThrow();
            assertNotEquals(fixed, rotated);
            Http.Response withOldId = Http.plain().get(host.server.uri("/cpq/home"), Map.of("Cookie", fixed));
            assertEquals(200, withOldId.status());
            assertEquals(null, host.pages.remove().userPrincipal(), "the session id known before sign-in is worthless");
            Http.Response withNewId = Http.plain().get(host.server.uri("/cpq/home"), Map.of("Cookie", rotated));
            assertEquals(200, withNewId.status());
            PartnerPrincipal principal = assertInstanceOf(PartnerPrincipal.class, host.pages.remove().userPrincipal());
            assertEquals(Set.of("0065g00000AbCdEAAV", "006"), principal.opportunityIds(),
                    "the same user's second launch adds its opportunity");
        }
    }

    @ContainerTest
    void landingWhenHeadRequestThenCodeNotSpent(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = launchUrlPath(host);

            Http.Response preview = Http.plain().send(java.net.http.HttpRequest.newBuilder(host.server.uri(landing))
                    .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
            Http.Response browser = Http.plain().navigate(host.server.uri(landing));

            assertNotEquals(303, preview.status());
            assertEquals(303, browser.status(), "a link previewer's HEAD must leave the code to the browser");
        }
    }

    @ContainerTest
    void landingWhenOtherQueryParametersThenKeptInOrderWithoutCode(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = launchUrlPath(host);
            String path = landing.substring(0, landing.indexOf('?'));
            String code = landing.substring(landing.indexOf("launch="));

            Http.Response response = Http.plain().navigate(host.server.uri(path + "?tab=lines&" + code + "&view=full"));

            assertEquals(303, response.status());
            assertEquals(path + "?tab=lines&view=full", response.header("Location").orElseThrow());
        }
    }

    @ContainerTest
    void pageWhenNoPartnerSessionThenNoPrincipal(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = Http.plain().get(host.server.uri("/cpq/opportunities/0065g00000AbCdEAAV"));

            assertEquals(200, response.status());
            PartnerAuthFixture.Page page = host.pages.remove();
            assertEquals(null, page.userPrincipal());
            assertTrue(page.sessionPrincipal().isEmpty());
            assertFalse(page.partnerRole());
        }
    }

    /** Runs create/open, the landing redirect and the signed-in page, asserting every step. */
    private static void fullFlow(PartnerAuthFixture host, String endpoint, String body, String expectedPath) {
        String token = host.token();

        Http.Response launched = host.launch(endpoint, token, body);

        assertEquals(200, launched.status(), launched.body());
        assertEquals(List.of(), json(launched).get("errors"));
        assertEquals(Set.of("url", "errors"), json(launched).keySet());
        String url = (String) json(launched).get("url");
        assertTrue(url.startsWith(PartnerAuthFixture.PUBLIC_BASE_URL + expectedPath + "?launch="), url);
        assertEquals(List.of(), launched.headers().allValues("Set-Cookie"), "the cross-site answer sets no cookie");

        Http.Response landed = Http.plain().navigate(host.server.uri(pathAndQuery(url)));

        assertEquals(303, landed.status(), landed.body());
        assertEquals(expectedPath, landed.header("Location").orElseThrow());
        assertEquals("no-referrer", landed.header("Referrer-Policy").orElseThrow());
        assertEquals("no-store", landed.header("Cache-Control").orElseThrow());
        Map<String, String> cookie = sessionCookieAttributes(landed);
        assertTrue(cookie.containsKey("httponly"), cookie.toString());
        assertTrue(cookie.containsKey("secure"), cookie.toString());
        assertEquals("Lax", cookie.get("samesite"), cookie.toString());
        assertFalse(cookie.containsKey("partitioned"), cookie.toString());
        String firstPartySession = sessionCookie(landed).orElseThrow();

        Http.Response page = Http.plain().get(host.server.uri(expectedPath), Map.of("Cookie", firstPartySession));

        assertEquals(200, page.status(), page.body());
        PartnerAuthFixture.Page seen = host.pages.remove();
        PartnerPrincipal principal = assertInstanceOf(PartnerPrincipal.class, seen.userPrincipal());
        assertEquals(USER_ID, principal.user().userId());
        // the name is the partner and user, never the PRM's login (which is in user())
        assertEquals("partner:" + host.partnerId + ":" + USER_ID, principal.getName());
        assertEquals(host.partnerId, principal.partnerId());
        assertEquals("david.s@partner.example", principal.user().login());
        assertEquals(host.keyId, principal.keyId().value());
        assertEquals("Acme PRM", principal.keyName());
        assertEquals(PartnerAuthFixture.START, principal.signedInAt());
        assertEquals(Set.of("0065g00000AbCdEAAV"), principal.opportunityIds());
        assertEquals(principal, seen.sessionPrincipal().orElseThrow());
        assertEquals("partner:" + host.partnerId + ":" + USER_ID, seen.remoteUser());
        assertTrue(seen.partnerRole());
    }

    /** The path and query of a fresh create/quote launch URL. */
    static String launchUrlPath(PartnerAuthFixture host) {
        Http.Response launched = host.launch(CREATE_QUOTE, host.token(), "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}");
        assertEquals(200, launched.status(), launched.body());
        return pathAndQuery((String) json(launched).get("url"));
    }
}
