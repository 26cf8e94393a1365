package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.AUTHENTICATE;
import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.authenticateBody;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.pathAndQuery;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The DealHub-compatible mode ({@code sessionOnLaunchResponse}) keeps the landing step's
 * guarantees: its cross-site create/open answer signs a browser in only when the session holds no
 * identity or the same one. A browser holding another partner user, or a host login, is left as it
 * is, and the launch code of the answer's URL meets the landing step, which asks (or refuses to mix).
 */
class PartnerCompatibilityModeHttpTest {
    private static final String OPPORTUNITY = "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}";

    private static PartnerAuthFixture compatible(Containers containers) {
        return PartnerAuthFixture.options().filters(f -> f.sessionOnLaunchResponse(true)).registration((ctx, filters) -> {
            // stands for the host's own login (container FORM login...) ahead of partner-auth
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
        }).start(containers);
    }

    /** create/quote as the PRM's page calls it cross-site, with the browser's cookie; for {@code userId}. */
    private static Http.Response launch(PartnerAuthFixture host, String userId, String body, Map<String, String> extra) {
        Http.Response authenticated = host.post(AUTHENTICATE, authenticateBody(host.key, userId), Map.of());
        assertEquals(200, authenticated.status(), authenticated.body());
        Map<String, String> headers = new HashMap<>(extra);
        headers.put("Authorization", "Bearer " + json(authenticated).get("access_token"));
        headers.put("Origin", PartnerAuthFixture.PRM_ORIGIN);
        return host.post(CREATE_QUOTE, body, headers);
    }

    @ContainerTest
    void launchWhenSessionHoldsAnotherPartnerUserThenNotReplacedAndLandingAsks(Containers containers) {
        try (PartnerAuthFixture host = compatible(containers)) {
            Http.Response first = launch(host, USER_ID, OPPORTUNITY, Map.of());
            String victim = sessionCookie(first).orElseThrow();

            Http.Response other = launch(host, "attacker-1", OPPORTUNITY, Map.of("Cookie", victim));
            Http.Response landed = host.land(pathAndQuery((String) json(other).get("url")), victim);

            assertEquals(200, other.status(), other.body());
            assertTrue(sessionCookie(other).isEmpty(), "the cross-site answer signs nobody in over another identity");
            assertEquals(USER_ID, host.principalOnPage(victim).orElseThrow().user().userId());
            assertEquals(200, landed.status(), landed.body());
            assertTrue(landed.body().contains("Switch partner user?"), landed.body());
            assertEquals(USER_ID, host.principalOnPage(victim).orElseThrow().user().userId(), "asked, not switched");
        }
    }

    @ContainerTest
    void launchWhenSameUserAgainThenSessionKeptAndOpportunitiesAdded(Containers containers) {
        try (PartnerAuthFixture host = compatible(containers)) {
            String cookie = sessionCookie(launch(host, USER_ID, OPPORTUNITY, Map.of())).orElseThrow();

            Http.Response again = launch(host, USER_ID, "{\"opportunity_id\":\"006B\"}", Map.of("Cookie", cookie));

            String rotated = sessionCookie(again).orElseThrow();
            assertEquals(Set.of("0065g00000AbCdEAAV", "006B"),
                    host.principalOnPage(rotated).orElseThrow().opportunityIds());
        }
    }

    @ContainerTest
    void launchWhenBrowserHoldsHostLoginThenNoPartnerSessionAndLandingRefuses(Containers containers) {
        try (PartnerAuthFixture host = compatible(containers)) {
            Map<String, String> hostUser = Map.of("X-Test-Host-User", "yes");

            Http.Response launched = launch(host, USER_ID, OPPORTUNITY, hostUser);
            Http.Response landed = host.land(pathAndQuery((String) json(launched).get("url")), null);

            assertEquals(200, launched.status(), launched.body());
            assertTrue(sessionCookie(launched).isEmpty(), "never a partner inside a host login's session");
            assertEquals(303, landed.status(), "the code was left for the landing step");
        }
    }
}
