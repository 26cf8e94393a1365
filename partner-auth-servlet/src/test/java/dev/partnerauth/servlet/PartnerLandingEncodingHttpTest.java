package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.pathAndQuery;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.LaunchAction;
import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.launch.TemplateLaunchRoutes;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Http;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Ids with reserved and non-ASCII characters: percent-encoded in the launch URL, and the landing
 * path that carries them.
 *
 * <p>Both containers, with their defaults, refuse an encoded slash ({@code %2F}) in a request path
 * with 400 before any filter runs, and Jetty 12 also refuses an encoded percent ({@code %25}) as an
 * ambiguous path encoding. The URL is right (RFC 3986 says {@code /} inside a segment must be
 * encoded) but such a landing page is unreachable on a default container: a host whose ids may
 * contain those characters either relaxes its container ({@code encodedSolidusHandling} on Tomcat,
 * {@code UriCompliance} on Jetty) or configures launch routes that carry the ids in the query, as
 * {@link #landingWhenIdsInQueryRouteThenEveryCharacterSurvives} shows. The harness keeps the
 * defaults a host gets, so the refusal is asserted as it is.
 */
class PartnerLandingEncodingHttpTest {
    /** Every character class that must not reach a URL raw: separators, delimiters, percent, space, non-ASCII. */
    private static final String HOSTILE_ID = "a/b?c#d&e%f g\u00e9";
    private static final String HOSTILE_ID_ENCODED = "a%2Fb%3Fc%23d%26e%25f%20g%C3%A9";
    /** The same without the two characters default containers refuse in a path. */
    private static final String PATH_SAFE_ID = "b?c#d&f g\u00e9";

    @ContainerTest
    void launchWhenIdsHaveReservedCharactersThenEachIsPercentEncoded(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.launch(OPEN_QUOTE, host.token(), "{\"opportunity_id\":\"" + HOSTILE_ID
                    + "\",\"quote_id\":\"Q 1/2\"}");

            assertEquals(200, response.status(), response.body());
            String url = (String) json(response).get("url");
            assertTrue(url.startsWith("https://cpq.example.com/cpq/opportunities/" + HOSTILE_ID_ENCODED
                    + "/quotes/Q%201%2F2?launch="), url);
            assertEquals(1, url.chars().filter(c -> c == '?').count(), url);
            URI.create(url); // a valid URI as it stands
        }
    }

    @ContainerTest
    void landingWhenIdsHaveReservedCharactersOtherThanSlashAndPercentThenSignedIn(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String url = launchUrl(host, PATH_SAFE_ID);
            String path = pathAndQuery(url).substring(0, pathAndQuery(url).indexOf('?'));

            Http.Response landed = Http.plain().navigate(host.server.uri(pathAndQuery(url)));
            Http.Response page = Http.plain().get(host.server.uri(landed.header("Location").orElseThrow()),
                    Map.of("Cookie", sessionCookie(landed).orElseThrow()));

            assertEquals(303, landed.status());
            assertEquals(path, landed.header("Location").orElseThrow());
            assertEquals(200, page.status());
            PartnerPrincipal principal = (PartnerPrincipal) host.pages.remove().userPrincipal();
            assertEquals(Set.of(PATH_SAFE_ID), principal.opportunityIds());
        }
    }

    @ContainerTest
    void landingWhenIdHasSlashThenDefaultContainerRefusesPathAndCodeStaysUnused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = pathAndQuery(launchUrl(host, "a/b"));

            Http.Response refused = Http.plain().navigate(host.server.uri(landing));
            Http.Response elsewhere = Http.plain().navigate(host.server.uri("/cpq/home" + landing.substring(landing.indexOf('?'))));

            assertEquals(400, refused.status());
            assertEquals(303, elsewhere.status(), "the container refused before the landing filter saw the code");
        }
    }

    @ContainerTest
    void landingWhenIdHasPercentThenOnlyJettyRefusesThePath(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response landed = Http.plain().navigate(host.server.uri(pathAndQuery(launchUrl(host, "50%off"))));

            assertEquals(containers == Containers.JETTY ? 400 : 303, landed.status());
        }
    }

    @ContainerTest
    void landingWhenIdsInQueryRouteThenEveryCharacterSurvives(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options()
                .launchRoutes(new TemplateLaunchRoutes(URI.create(PartnerAuthFixture.PUBLIC_BASE_URL), Map.of(
                        LaunchAction.CREATE_QUOTE, "/cpq/launch?action=create&opportunity={opportunity_id}",
                        LaunchAction.OPEN_QUOTE, "/cpq/launch?opportunity={opportunity_id}&quote={quote_id}",
                        LaunchAction.OPEN_OPPORTUNITY, "/cpq/launch?opportunity={opportunity_id}")))
                .start(containers)) {
            String url = launchUrl(host, HOSTILE_ID);

            Http.Response landed = Http.plain().navigate(host.server.uri(pathAndQuery(url)));
            Http.Response page = Http.plain().get(host.server.uri(landed.header("Location").orElseThrow()),
                    Map.of("Cookie", sessionCookie(landed).orElseThrow()));

            assertTrue(url.startsWith("https://cpq.example.com/cpq/launch?opportunity=" + HOSTILE_ID_ENCODED
                    + "&quote=Q-1&launch="), url);
            assertEquals(303, landed.status());
            assertEquals("/cpq/launch?opportunity=" + HOSTILE_ID_ENCODED + "&quote=Q-1",
                    landed.header("Location").orElseThrow());
            assertEquals(200, page.status());
            PartnerPrincipal principal = (PartnerPrincipal) host.pages.remove().userPrincipal();
            assertEquals(Set.of(HOSTILE_ID), principal.opportunityIds());
        }
    }

    private static String launchUrl(PartnerAuthFixture host, String opportunityId) {
        Http.Response response = host.launch(OPEN_QUOTE, host.token(),
                "{\"opportunity_id\":\"" + opportunityId + "\",\"quote_id\":\"Q-1\"}");
        assertEquals(200, response.status(), response.body());
        return (String) json(response).get("url");
    }
}
