package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerLaunchFlowHttpTest.launchUrlPath;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import java.util.Map;

/**
 * A launch code is spent only by the browser's navigation to it: a script's fetch, an image, a
 * prefetch of the URL or (outside the embedded mode) a frame leaves it for the navigation, which
 * then signs the user in. Requests without fetch metadata: {@link PartnerLandingContinueHttpTest}.
 */
class PartnerLandingNavigationHttpTest {

    /** Lands with {@code headers}; then a plain navigation to the same URL must still sign in. */
    private static Http.Response refusedThenNavigationSignsIn(PartnerAuthFixture host, Map<String, String> headers) {
        String landing = launchUrlPath(host);

        Http.Response refused = Http.plain().get(host.server.uri(landing), headers);
        Http.Response navigation = host.land(landing, null);

        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("Open the link as a page"), refused.body());
        assertEquals("no-store", refused.header("Cache-Control").orElseThrow());
        assertTrue(sessionCookie(refused).isEmpty());
        assertEquals(303, navigation.status(), "the code was left for the navigation");
        assertTrue(host.principalOnPage(sessionCookie(navigation).orElseThrow()).isPresent());
        return refused;
    }

    @ContainerTest
    void landingWhenFetchFromScriptThenRefusedAndCodeKept(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            refusedThenNavigationSignsIn(host, Map.of("Sec-Fetch-Mode", "cors", "Sec-Fetch-Dest", "empty",
                    "Sec-Fetch-Site", "cross-site"));
        }
    }

    @ContainerTest
    void landingWhenNoCorsSubresourceThenRefusedAndCodeKept(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            refusedThenNavigationSignsIn(host, Map.of("Sec-Fetch-Mode", "no-cors", "Sec-Fetch-Dest", "image"));
        }
    }

    @ContainerTest
    void landingWhenNavigateButDestinationNotDocumentOrFrameThenRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            refusedThenNavigationSignsIn(host, Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "object"));
        }
    }

    @ContainerTest
    void landingWhenOnlyDestinationSentAndNotDocumentThenRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            refusedThenNavigationSignsIn(host, Map.of("Sec-Fetch-Dest", "script"));
        }
    }

    @ContainerTest
    void landingWhenSecPurposePrefetchThenRefusedAndCodeKept(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            refusedThenNavigationSignsIn(host, Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document",
                    "Sec-Purpose", "prefetch;prerender"));
        }
    }

    @ContainerTest
    void landingWhenLegacyPurposePrefetchWithoutFetchMetadataThenRefusedAndCodeKept(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            refusedThenNavigationSignsIn(host, Map.of("Purpose", "prefetch"));
        }
    }

    @ContainerTest
    void landingWhenNavigationIntoIframeOutsideEmbeddedModeThenRefusedAndCodeKept(Containers containers) {
        // a page that someone opened must not spend codes in hidden iframes (or lock the network out with them)
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            refusedThenNavigationSignsIn(host, Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "iframe",
                    "Sec-Fetch-Site", "cross-site"));
        }
    }

    @ContainerTest
    void landingWhenNavigationIntoIframeInEmbeddedModeThenSignedIn(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().filters(f -> f.embedded(true)).start(containers)) {
            Http.Response landed = Http.plain().get(host.server.uri(launchUrlPath(host)),
                    Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "iframe", "Sec-Fetch-Site", "cross-site"));

            assertEquals(303, landed.status(), landed.body());
        }
    }
}
