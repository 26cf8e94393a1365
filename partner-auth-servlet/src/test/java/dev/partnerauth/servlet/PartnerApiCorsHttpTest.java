package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.AUTHENTICATE;
import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_OPPORTUNITY;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.PRM_ORIGIN;
import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.authenticateBody;
import static dev.partnerauth.servlet.PartnerAuthFixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Http;
import java.util.List;
import java.util.Map;

/** CORS on create/open for the configured PRM origins only, and no browser on authenticate/user. */
class PartnerApiCorsHttpTest {
    private static final String OPPORTUNITY = "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}";
    private static final List<String> CORS_HEADERS = List.of("Access-Control-Allow-Origin",
            "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers");

    @ContainerTest
    void preflightWhenAllowedOriginThen204WithCorsGrant(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            for (String path : List.of(CREATE_QUOTE, OPEN_QUOTE, OPEN_OPPORTUNITY)) {
                Http.Response response = preflight(host, path, PRM_ORIGIN);

                assertEquals(204, response.status(), path);
                assertEquals(PRM_ORIGIN, response.header("Access-Control-Allow-Origin").orElseThrow(), path);
                assertEquals("true", response.header("Access-Control-Allow-Credentials").orElseThrow(), path);
                assertEquals("POST", response.header("Access-Control-Allow-Methods").orElseThrow(), path);
                assertEquals("Authorization, Content-Type",
                        response.header("Access-Control-Allow-Headers").orElseThrow(), path);
                assertTrue(varyNamesOrigin(response), path + " " + response.headers());
            }
        }
    }

    @ContainerTest
    void preflightWhenOtherOriginThenNoCorsHeaders(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = preflight(host, CREATE_QUOTE, "https://evil.example");

            assertNoCorsHeaders(response);
            assertTrue(varyNamesOrigin(response), response.headers().toString());
        }
    }

    @ContainerTest
    void preflightWhenOriginDiffersOnlyByPortThenNoCorsHeaders(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertNoCorsHeaders(preflight(host, CREATE_QUOTE, PRM_ORIGIN + ":8443"));
        }
    }

    @ContainerTest
    void launchWhenAllowedOriginThenAnswerCarriesCorsGrant(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(CREATE_QUOTE, OPPORTUNITY,
                    Map.of("Authorization", "Bearer " + host.token(), "Origin", PRM_ORIGIN));

            assertEquals(200, response.status());
            assertCorsGrant(response);
        }
    }

    @ContainerTest
    void launchWhenAllowedOriginAndTokenRefusedThenErrorCarriesCorsGrant(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(CREATE_QUOTE, OPPORTUNITY,
                    Map.of("Authorization", "Bearer used-or-forged", "Origin", PRM_ORIGIN));

            assertEquals(403, response.status());
            assertCorsGrant(response);
        }
    }

    @ContainerTest
    void launchWhenAllowedOriginAndBodyInvalidThenErrorCarriesCorsGrant(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(CREATE_QUOTE, "{}",
                    Map.of("Authorization", "Bearer " + host.token(), "Origin", PRM_ORIGIN));

            assertEquals(400, response.status());
            assertCorsGrant(response);
        }
    }

    @ContainerTest
    void launchWhenOtherOriginThenAnswerHasNoCorsHeaders(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(CREATE_QUOTE, OPPORTUNITY,
                    Map.of("Authorization", "Bearer " + host.token(), "Origin", "https://evil.example"));

            assertNoCorsHeaders(response);
        }
    }

    @ContainerTest
    void authenticateWhenBrowserOriginThen403BrowserOriginRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("Origin", PRM_ORIGIN));

            assertEquals(403, response.status());
            assertEquals("BROWSER_ORIGIN_REFUSED", errors(response).get(0).get("code"));
            assertNoCorsHeaders(response);
        }
    }

    @ContainerTest
    void authenticateWhenBrowserOriginAllowedBySettingThenAccepted(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options()
                .filters(f -> f.allowBrowserOriginOnAuthenticate(true)).start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("Origin", PRM_ORIGIN));

            assertEquals(200, response.status(), response.body());
        }
    }

    private static Http.Response preflight(PartnerAuthFixture host, String path, String origin) {
        return Http.plain().options(host.server.uri(path), Map.of("Origin", origin,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));
    }

    private static void assertCorsGrant(Http.Response response) {
        assertEquals(PRM_ORIGIN, response.header("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("true", response.header("Access-Control-Allow-Credentials").orElseThrow());
        assertTrue(varyNamesOrigin(response), response.headers().toString());
    }

    private static void assertNoCorsHeaders(Http.Response response) {
        for (String name : CORS_HEADERS) {
            assertTrue(response.header(name).isEmpty(), name + " in " + response.headers());
        }
    }

    private static boolean varyNamesOrigin(Http.Response response) {
        return response.headers().allValues("Vary").stream()
                .flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(v -> v.trim().equalsIgnoreCase("Origin"));
    }
}
