package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static dev.partnerauth.servlet.PartnerLaunchFlowHttpTest.launchUrlPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request without fetch metadata (a chat app's link previewer, a mail scanner, a very old
 * browser) never spends a launch code: it gets a page that continues with a POST of the code, a
 * button and a script that presses it. That POST lands only from the page: its nonce in both the
 * page's cookie and its form, and same-origin fetch metadata or an {@code Origin} of this host or
 * {@code null} (the page is served with {@code Referrer-Policy: no-referrer}).
 */
class PartnerLandingContinueHttpTest {
    private static final Pattern NONCE = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    /** The continue page's form and cookie, as a previewer or old browser received them. */
    private record Offer(String action, String nonce, String cookie) {
    }

    private static Offer offer(Http.Response page) {
        assertEquals(200, page.status(), page.body());
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(PartnerLandingFilter.CONTINUE_COOKIE + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        return new Offer(match(ACTION, page.body()), match(NONCE, page.body()), cookie);
    }

    private static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1).replace("&amp;", "&");
    }

    private static Http.Response post(PartnerAuthFixture host, String action, String cookie, String nonce,
                                      Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        return Http.plain().post(host.server.uri(action), "nonce=" + nonce, headers);
    }

    /** What an old browser sends on the page's form POST under {@code Referrer-Policy: no-referrer}. */
    private static final Map<String, String> NO_REFERRER_POST = Map.of("Origin", "null");

    @ContainerTest
    void landingWhenNoFetchMetadataThenContinuePageAndCodeNotSpent(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = launchUrlPath(host);

            Http.Response preview = Http.plain().get(host.server.uri(landing));
            Http.Response browser = host.land(landing, null);

            assertEquals(200, preview.status(), preview.body());
            assertTrue(preview.body().contains("<button type=\"submit\">Continue</button>"), preview.body());
            assertTrue(preview.body().contains("<script>"), preview.body());
            assertTrue(sessionCookie(preview).isEmpty(), "a previewer gets no session");
            assertEquals("no-referrer", preview.header("Referrer-Policy").orElseThrow());
            assertEquals("no-store", preview.header("Cache-Control").orElseThrow());
            String csp = preview.header("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("script-src 'sha256-"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
            assertEquals(303, browser.status(), "the previewer left the code to the browser");
            assertEquals(USER_ID, host.principalOnPage(sessionCookie(browser).orElseThrow()).orElseThrow().user().userId());
        }
    }

    @ContainerTest
    void headWhenCodeInUrlThenCodeNotSpent(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = launchUrlPath(host);

            Http.Response head = Http.plain().send(HttpRequest.newBuilder(host.server.uri(landing))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            Http.Response browser = host.land(landing, null);

            assertTrue(sessionCookie(head).isEmpty());
            assertEquals(303, browser.status(), "HEAD never spends the code");
        }
    }

    @ContainerTest
    void continueWhenPageFormPostedUnderNoReferrerThenSignedIn(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = launchUrlPath(host);
            Offer offer = offer(Http.plain().get(host.server.uri(landing)));

            Http.Response landed = post(host, offer.action(), offer.cookie(), offer.nonce(), NO_REFERRER_POST);

            assertEquals(303, landed.status(), landed.body());
            assertEquals(landing.substring(0, landing.indexOf('?')), landed.header("Location").orElseThrow());
            assertEquals("no-referrer", landed.header("Referrer-Policy").orElseThrow());
            assertTrue(landed.headers().allValues("Set-Cookie").stream()
                    .anyMatch(c -> c.startsWith(PartnerLandingFilter.CONTINUE_COOKIE + "=;") && c.contains("Max-Age=0")),
                    "the nonce cookie is cleared");
            assertEquals(USER_ID, host.principalOnPage(sessionCookie(landed).orElseThrow()).orElseThrow().user().userId());
        }
    }

    @ContainerTest
    void continueWhenSameOriginFetchMetadataAndOwnOriginThenSignedIn(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Offer offer = offer(Http.plain().get(host.server.uri(launchUrlPath(host))));
            URI self = host.server.uri("/");

            Http.Response landed = post(host, offer.action(), offer.cookie(), offer.nonce(), Map.of(
                    "Sec-Fetch-Site", "same-origin", "Origin", self.getScheme() + "://" + self.getRawAuthority()));

            assertEquals(303, landed.status(), landed.body());
        }
    }

    @ContainerTest
    void continueWhenCrossSiteFormPostThenRefusedAndCodeKept(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = launchUrlPath(host);
            Offer offer = offer(Http.plain().get(host.server.uri(landing)));

            Http.Response crossSite = post(host, offer.action(), offer.cookie(), offer.nonce(),
                    Map.of("Sec-Fetch-Site", "cross-site", "Origin", "null"));
            Http.Response otherOrigin = post(host, offer.action(), offer.cookie(), offer.nonce(),
                    Map.of("Origin", "https://evil.example"));
            Http.Response browser = host.land(landing, null);

            assertEquals(403, crossSite.status(), crossSite.body());
            assertEquals(403, otherOrigin.status(), otherOrigin.body());
            assertTrue(sessionCookie(crossSite).isEmpty());
            assertEquals(303, browser.status(), "refused POSTs spend nothing");
        }
    }

    @ContainerTest
    void continueWhenNonceMissingFromCookieOrWrongThenRefused(Containers containers) {
        // another site's page can send Origin: null too; it cannot know the nonce of this browser's page
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = launchUrlPath(host);
            Offer offer = offer(Http.plain().get(host.server.uri(landing)));

            Http.Response noCookie = post(host, offer.action(), null, offer.nonce(), NO_REFERRER_POST);
            Http.Response wrongNonce = post(host, offer.action(), offer.cookie(), offer.nonce().substring(1) + "A",
                    NO_REFERRER_POST);
            Http.Response neitherHeader = post(host, offer.action(), offer.cookie(), offer.nonce(), Map.of());

            assertEquals(403, noCookie.status(), noCookie.body());
            assertEquals(403, wrongNonce.status(), wrongNonce.body());
            assertEquals(403, neitherHeader.status(), neitherHeader.body());
            assertEquals(303, host.land(landing, null).status(), "the code is still there");
        }
    }

    @ContainerTest
    void continueWhenCodeAlreadySpentThenRefusalPage(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = launchUrlPath(host);
            Offer offer = offer(Http.plain().get(host.server.uri(landing)));
            assertEquals(303, host.land(landing, null).status());

            Http.Response late = post(host, offer.action(), offer.cookie(), offer.nonce(), NO_REFERRER_POST);

            assertEquals(403, late.status(), late.body());
            assertTrue(late.body().contains("Sign-in link not valid"), late.body());
        }
    }

    @ContainerTest
    void continueWhenSessionHoldsAnotherPartnerUserThenAskedBeforeSwitching(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = sessionCookie(host.land(launchUrlPath(host), null)).orElseThrow();
            Offer offer = offer(Http.plain().get(host.server.uri(host.launchPath(host.key, "attacker-1", "Mallory"))));

            Http.Response asked = post(host, offer.action(), victim + "; " + offer.cookie(), offer.nonce(),
                    NO_REFERRER_POST);

            assertEquals(200, asked.status(), asked.body());
            assertTrue(asked.body().contains("Switch partner user?"), asked.body());
            assertEquals(USER_ID, host.principalOnPage(victim).orElseThrow().user().userId());
        }
    }
}
