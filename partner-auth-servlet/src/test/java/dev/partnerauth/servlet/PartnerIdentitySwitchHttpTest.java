package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No silent identity swap: a launch URL that one partner user passes to another (or that another
 * partner's PRM produced) does not replace the identity the browser holds; the user sees both and
 * continues only with a same-origin POST carrying the session's nonce. A host's own login is never
 * mixed with a partner identity.
 */
class PartnerIdentitySwitchHttpTest {
    private static final Pattern NONCE = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    /** The victim: the fixture's user, signed in; answers the session cookie. */
    private static String victimSession(PartnerAuthFixture host) {
        Http.Response landed = host.land(PartnerLaunchFlowHttpTest.launchUrlPath(host), null);
        assertEquals(303, landed.status(), landed.body());
        return sessionCookie(landed).orElseThrow();
    }

    private static String match(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1).replace("&amp;", "&");
    }

    private static Http.Response confirm(PartnerAuthFixture host, String action, String cookie, String nonce,
                                         Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Cookie", cookie);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        return Http.plain().post(host.server.uri(action), nonce == null ? "" : "nonce=" + nonce, headers);
    }

    /** What a browser sends with a form POST from the host's own page. */
    private static Map<String, String> sameOrigin(PartnerAuthFixture host) {
        java.net.URI self = host.server.uri("/");
        return Map.of("Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "navigate", "Origin",
                self.getScheme() + "://" + self.getRawAuthority());
    }

    @ContainerTest
    void landingWhenOtherUserOfSamePartnerThenPageNamesBothAndSessionUnchanged(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            String attackerLink = host.launchPath(host.key, "attacker-1", "Mallory Attacker");

            Http.Response landed = host.land(attackerLink, victim);

            assertEquals(200, landed.status(), landed.body());
            assertTrue(landed.body().contains("David Solomon"), landed.body());
            assertTrue(landed.body().contains("Mallory Attacker"), landed.body());
            assertEquals("no-store", landed.header("Cache-Control").orElseThrow());
            assertTrue(landed.header("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
            assertEquals(USER_ID, host.principalOnPage(victim).orElseThrow().user().userId(), "nothing changed yet");
        }
    }

    @ContainerTest
    void landingWhenUserOfAnotherPartnerKeyThenAskedToo(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            String otherKey = host.auth.createKey("Other PRM", IpAllowlist.ANY, null, "admin").plaintext();
            // the same user_id at another partner is another person
            String otherPartnerLink = host.launchPath(otherKey, USER_ID, "Namesake Elsewhere");

            Http.Response landed = host.land(otherPartnerLink, victim);

            assertEquals(200, landed.status(), landed.body());
            assertTrue(landed.body().contains("Other PRM"), landed.body());
            assertEquals("Acme PRM", host.principalOnPage(victim).orElseThrow().keyName());
        }
    }

    @ContainerTest
    void confirmWhenSameOriginPostWithNonceThenSwitchedWithFreshSession(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            Http.Response asked = host.land(host.launchPath(host.key, "colleague-2", "Carol Colleague"), victim);

            Http.Response confirmed = confirm(host, match(ACTION, asked.body()), victim, match(NONCE, asked.body()),
                    sameOrigin(host));

            assertEquals(303, confirmed.status(), confirmed.body());
            assertEquals("/cpq/opportunities/0065g00000AbCdEAAV/quotes/new", confirmed.header("Location").orElseThrow());
            String switched = sessionCookie(confirmed).orElseThrow();
            assertNotEquals(victim, switched);
            assertEquals("colleague-2", host.principalOnPage(switched).orElseThrow().user().userId());
            assertEquals(Optional.empty(), host.principalOnPage(victim), "the previous session is gone");
        }
    }

    @ContainerTest
    void confirmWhenChromiumSendsOriginNullUnderNoReferrerThenSwitched(Containers containers) {
        // the page is served with Referrer-Policy: no-referrer, so a browser's own form POST says Origin: null
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            Http.Response asked = host.land(host.launchPath(host.key, "colleague-2", "Carol Colleague"), victim);

            Http.Response confirmed = confirm(host, match(ACTION, asked.body()), victim, match(NONCE, asked.body()),
                    Map.of("Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document",
                            "Origin", "null"));

            assertEquals(303, confirmed.status(), confirmed.body());
            assertEquals("colleague-2",
                    host.principalOnPage(sessionCookie(confirmed).orElseThrow()).orElseThrow().user().userId());
        }
    }

    @ContainerTest
    void confirmWhenOriginNullFromCrossSitePageThenRefused(Containers containers) {
        // another site's page with no-referrer sends Origin: null too: fetch metadata or the nonce stops it
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            Http.Response asked = host.land(host.launchPath(host.key, "attacker-1", "Mallory"), victim);
            String action = match(ACTION, asked.body());

            Http.Response crossSite = confirm(host, action, victim, match(NONCE, asked.body()),
                    Map.of("Sec-Fetch-Site", "cross-site", "Origin", "null"));
            Http.Response guessedNonce = confirm(host, action, victim, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    Map.of("Origin", "null"));

            assertEquals(403, crossSite.status(), crossSite.body());
            assertEquals(403, guessedNonce.status(), guessedNonce.body());
            assertEquals(USER_ID, host.principalOnPage(victim).orElseThrow().user().userId());
        }
    }

    @ContainerTest
    void switchPageWhenAskedThenSaysWhoIsWhoInPartnerUsersWords(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            String otherKey = host.auth.createKey("Globex Partner Portal", IpAllowlist.ANY, null, "admin").plaintext();

            Http.Response asked = host.land(host.launchPath(otherKey, "u-77", "Carol Colleague"), victim);

            String body = asked.body();
            String current = body.substring(body.indexOf("partner-auth-current"), body.indexOf("partner-auth-arriving"));
            String arriving = body.substring(body.indexOf("partner-auth-arriving"));
            assertTrue(current.contains("David Solomon") && current.contains("david.s@partner.example")
                    && current.contains("Acme Partner") && current.contains("Acme PRM"), current);
            assertTrue(arriving.contains("Carol Colleague") && arriving.contains("u-77@partner.example")
                    && arriving.contains("Globex Partner Portal"), arriving);
            assertFalse(body.contains(PartnerPrincipal.NAME_PREFIX), "no internal principal names: " + body);
            assertFalse(body.contains(host.partnerId.value()), body);
        }
    }

    @ContainerTest
    void switchPageWhenHostTemplateThenRenderedInsideItWithItsStyleAllowed(Containers containers) {
        String style = "body{background:#fafafa}";
        LandingPageTemplate template = LandingPageTemplate.of("<!doctype html><html><head><title>CPQ - {{title}}</title>"
                + "<link rel=\"stylesheet\" href=\"/static/cpq.css\"><style>" + style + "</style></head>"
                + "<body class=\"cpq\"><header>Acme CPQ</header><main>{{content}}</main></body></html>");
        try (PartnerAuthFixture host = PartnerAuthFixture.options().filters(f -> f.landingPageTemplate(template))
                .start(containers)) {
            String victim = victimSession(host);

            Http.Response asked = host.land(host.launchPath(host.key, "attacker-1", "<b>Mallory</b>"), victim);

            assertTrue(asked.body().startsWith("<!doctype html><html><head><title>CPQ - Switch partner user?</title>"),
                    asked.body());
            assertTrue(asked.body().contains("<main><p>This browser is signed in"), asked.body());
            assertTrue(asked.body().contains("&lt;b&gt;Mallory&lt;/b&gt;"), asked.body());
            String csp = asked.header("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("style-src 'self' 'sha256-" + LandingPageTemplate.sha256(style) + "'"), csp);
            assertFalse(csp.contains("script-src"), csp);
        }
    }

    @Test
    void templateWhenContentPlaceholderMissingOrTwiceThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> LandingPageTemplate.of("<html>{{title}}</html>"));
        assertThrows(IllegalArgumentException.class, () -> LandingPageTemplate.of("{{content}}{{content}}"));
    }

    @ContainerTest
    void confirmWhenOnlyOriginOfThisHostWithoutFetchMetadataThenSwitched(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            Http.Response asked = host.land(host.launchPath(host.key, "colleague-2", "Carol"), victim);

            Http.Response confirmed = confirm(host, match(ACTION, asked.body()), victim, match(NONCE, asked.body()),
                    Map.of("Origin", sameOrigin(host).get("Origin")));

            assertEquals(303, confirmed.status(), "browsers without fetch metadata still send Origin on a POST");
        }
    }

    @ContainerTest
    void confirmWhenCrossSiteFormPostThenRefusedAndNothingChanged(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            Http.Response asked = host.land(host.launchPath(host.key, "attacker-1", "Mallory"), victim);

            Http.Response forged = confirm(host, match(ACTION, asked.body()), victim, match(NONCE, asked.body()),
                    Map.of("Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"));

            assertEquals(403, forged.status(), forged.body());
            assertEquals(USER_ID, host.principalOnPage(victim).orElseThrow().user().userId());
        }
    }

    @ContainerTest
    void confirmWhenOriginOfAnotherSiteWithoutFetchMetadataThenRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            Http.Response asked = host.land(host.launchPath(host.key, "attacker-1", "Mallory"), victim);

            Http.Response forged = confirm(host, match(ACTION, asked.body()), victim, match(NONCE, asked.body()),
                    Map.of("Origin", "https://evil.example"));

            assertEquals(403, forged.status(), forged.body());
            assertEquals(USER_ID, host.principalOnPage(victim).orElseThrow().user().userId());
        }
    }

    @ContainerTest
    void confirmWhenNeitherOriginNorFetchMetadataThenRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            Http.Response asked = host.land(host.launchPath(host.key, "attacker-1", "Mallory"), victim);

            Http.Response forged = confirm(host, match(ACTION, asked.body()), victim, match(NONCE, asked.body()), Map.of());

            assertEquals(403, forged.status(), forged.body());
        }
    }

    @ContainerTest
    void confirmWhenNonceWrongOrMissingThenRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            Http.Response asked = host.land(host.launchPath(host.key, "attacker-1", "Mallory"), victim);
            String action = match(ACTION, asked.body());
            String nonce = match(NONCE, asked.body());

            Http.Response wrong = confirm(host, action, victim, nonce.substring(1) + "A", sameOrigin(host));
            Http.Response missing = confirm(host, action, victim, null, sameOrigin(host));

            assertEquals(403, wrong.status());
            assertEquals(403, missing.status());
            assertEquals(USER_ID, host.principalOnPage(victim).orElseThrow().user().userId());
        }
    }

    @ContainerTest
    void confirmWhenReplayedThenRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            Http.Response asked = host.land(host.launchPath(host.key, "colleague-2", "Carol"), victim);
            String action = match(ACTION, asked.body());
            String nonce = match(NONCE, asked.body());
            Http.Response first = confirm(host, action, victim, nonce, sameOrigin(host));

            Http.Response replay = confirm(host, action, sessionCookie(first).orElseThrow(), nonce, sameOrigin(host));

            assertEquals(303, first.status());
            assertEquals(403, replay.status());
        }
    }

    @ContainerTest
    void confirmWhenArrivingKeyDeletedMeanwhileThenRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);
            var other = host.auth.createKey("Other PRM", IpAllowlist.ANY, null, "admin");
            Http.Response asked = host.land(host.launchPath(other.plaintext(), "attacker-1", "Mallory"), victim);
            host.auth.deleteKey(other.metadata().id(), "admin");

            Http.Response confirmed = confirm(host, match(ACTION, asked.body()), victim, match(NONCE, asked.body()),
                    sameOrigin(host));

            assertEquals(403, confirmed.status(), confirmed.body());
            assertEquals(USER_ID, host.principalOnPage(victim).orElseThrow().user().userId());
        }
    }

    @ContainerTest
    void landingWhenSameIdentityAgainThenStraightThrough(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String session = victimSession(host);

            Http.Response again = host.land(PartnerLaunchFlowHttpTest.launchUrlPath(host), session);

            assertEquals(303, again.status(), again.body());
        }
    }

    @ContainerTest
    void confirmationPageWhenNamesCarryMarkupThenEscaped(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String victim = victimSession(host);

            Http.Response asked = host.land(host.launchPath(host.key, "attacker-1", "<img src=x onerror=alert(1)>"), victim);

            assertFalse(asked.body().contains("<img"), asked.body());
            assertTrue(asked.body().contains("&lt;img src=x onerror=alert(1)&gt;"), asked.body());
        }
    }

    @ContainerTest
    void landingWhenHostLoginInSessionThenRefusedWithoutSpendingCode(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().registration((ctx, filters) -> {
            // stands for the host's own login (container FORM login, Spring Security...) ahead of partner-auth
            Filter hostLogin = (req, res, chain) -> {
                HttpServletRequest request = (HttpServletRequest) req;
                chain.doFilter(request.getHeader("X-Test-Host-User") == null ? req : new HttpServletRequestWrapper(request) {
                    @Override
                    public Principal getUserPrincipal() {
                        return () -> "host-admin";
                    }
                }, res);
            };
            ctx.addFilter("host-login", hostLogin).addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            filters.register(ctx);
        }).start(containers)) {
            String link = PartnerLaunchFlowHttpTest.launchUrlPath(host);

            Http.Response refused = Http.plain().get(host.server.uri(link), Map.of("X-Test-Host-User", "yes"));
            Http.Response afterSignOut = host.land(link, null);

            assertEquals(409, refused.status(), refused.body());
            assertTrue(refused.body().contains("host-admin"), refused.body());
            assertTrue(sessionCookie(refused).isEmpty());
            assertEquals(303, afterSignOut.status(), "the code was not spent");
            PartnerPrincipal principal = host.principalOnPage(sessionCookie(afterSignOut).orElseThrow()).orElseThrow();
            assertEquals(USER_ID, principal.user().userId());
        }
    }
}
