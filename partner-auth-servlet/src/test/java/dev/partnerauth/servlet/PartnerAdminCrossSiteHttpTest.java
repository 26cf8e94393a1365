package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.ADMIN;
import static dev.partnerauth.servlet.PartnerAuthFixture.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * SPEC section 4: an administration write that a browser sends from another site is refused, whatever
 * its content type or method, before the administrator's credentials are looked at; reads, the
 * host's own pages and non-browser clients are not affected.
 */
class PartnerAdminCrossSiteHttpTest {
    private static final String EVIL = "https://evil.example";

    private static Map<String, String> adminWith(String... headers) {
        Map<String, String> all = new HashMap<>(PartnerAuthFixture.adminCredentials());
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        return all;
    }

    private static void assertRefused(Http.Response response) {
        assertEquals(403, response.status(), response.body());
        assertEquals("CROSS_SITE_REFUSED", errors(response).get(0).get("code"));
    }

    private static void assertKeyKept(PartnerAuthFixture host) {
        assertEquals(200, host.admin("GET", "keys/" + host.keyId, null).status(), "the key survives");
        assertEquals(200, host.authenticate().status(), "and still signs its partner's users in");
    }

    @ContainerTest
    void deleteKeyWhenCrossSiteFetchMetadataThen403AndKeyKept(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.send("DELETE", ADMIN + "/keys/" + host.keyId, null,
                    adminWith("Sec-Fetch-Site", "cross-site", "Origin", EVIL));

            assertRefused(response);
            assertKeyKept(host);
        }
    }

    @ContainerTest
    void deleteKeyWhenSameSiteSiblingThen403AndKeyKept(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.send("DELETE", ADMIN + "/keys/" + host.keyId, null,
                    adminWith("Sec-Fetch-Site", "same-site", "Origin", "https://blog.cpq.example.com"));

            assertRefused(response);
            assertKeyKept(host);
        }
    }

    @ContainerTest
    void formPostWithMethodOverrideFromAnotherSiteThen403AndKeyKept(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            HttpRequest.Builder form = HttpRequest.newBuilder(host.server.uri(ADMIN + "/keys/" + host.keyId))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_method=DELETE", StandardCharsets.UTF_8));
            adminWith("Origin", EVIL, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate").forEach(form::header);

            // the document declares no POST on keys/{id}: this one is a DELETE in disguise, refused before routing
            assertRefused(Http.plain().withoutContractCheck().send(form));
            assertKeyKept(host);
        }
    }

    @ContainerTest
    void postKeyWhenForeignOriginWithoutFetchMetadataThen403AndNoKeyMade(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.send("POST", ADMIN + "/keys", "{\"name\":\"Mallory\",\"allowed_ips\":[]}",
                    adminWith("Origin", EVIL));

            assertRefused(response);
            assertEquals(1, host.auth.listKeys().size());
        }
    }

    @ContainerTest
    void putSettingsWhenOpaqueOriginWithoutFetchMetadataThen403AndSettingsKept(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.send("PUT", ADMIN + "/settings", "{\"enabled\":false}", adminWith("Origin", "null"));

            assertRefused(response);
            assertEquals(true, host.auth.settings().enabled());
        }
    }

    @ContainerTest
    void crossSiteWriteWithoutCredentialsThen403NotAChallenge(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.send("DELETE", ADMIN + "/keys/" + host.keyId, null,
                    Map.of("Sec-Fetch-Site", "cross-site"));

            assertRefused(response);
            assertEquals(null, response.header("WWW-Authenticate").orElse(null), "no prompt for the admin's password");
        }
    }

    @ContainerTest
    void writeFromTheHostsOwnPageThenAccepted(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String self = "http://127.0.0.1:" + host.server.port();
            Http.Response sameOrigin = host.send("PUT", ADMIN + "/keys/" + host.keyId, "{\"name\":\"Renamed\"}",
                    adminWith("Sec-Fetch-Site", "same-origin", "Origin", self));
            // a page served with Referrer-Policy: no-referrer: the browser sends Origin: null, and says same-origin
            Http.Response noReferrer = host.send("PUT", ADMIN + "/keys/" + host.keyId, "{\"name\":\"Again\"}",
                    adminWith("Sec-Fetch-Site", "same-origin", "Origin", "null"));
            // an older browser: Origin only
            Http.Response originOnly = host.send("DELETE", ADMIN + "/keys/" + host.keyId, null, adminWith("Origin", self));

            assertEquals(200, sameOrigin.status(), sameOrigin.body());
            assertEquals(200, noReferrer.status(), noReferrer.body());
            assertEquals(204, originOnly.status(), originOnly.body());
        }
    }

    @ContainerTest
    void readFromAnotherSiteThenAnswered(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            // a read changes nothing, and another site cannot read the answer without CORS
            Http.Response response = host.send("GET", ADMIN + "/keys", null, adminWith("Sec-Fetch-Site", "cross-site", "Origin", EVIL));

            assertEquals(200, response.status(), response.body());
        }
    }
}
