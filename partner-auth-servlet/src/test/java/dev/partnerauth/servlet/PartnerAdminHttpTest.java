package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.ADMIN;
import static dev.partnerauth.servlet.PartnerAuthFixture.errors;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.messages;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.internal.throttle.FailureThrottle;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The administration API of SPEC section 4 over HTTP. */
class PartnerAdminHttpTest {
    private static final Set<String> KEY_FIELDS = Set.of("id", "partner_id", "name", "allowed_ips", "created_at", "expires_at",
            "last_used_at", "errors");
    private static final String CRM_REFUSED = "The partner authenticator can only be enabled for accounts whose CRM "
            + "is SALESFORCE or DYNAMICS";

    // ---- who may

    @ContainerTest
    void adminWhenNoCredentialsThen401WithBasicChallenge(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.send("GET", ADMIN + "/settings", null, Map.of());

            assertEquals(401, response.status());
            assertTrue(response.header("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
            assertEquals("UNAUTHORIZED", errors(response).get(0).get("code"));
        }
    }

    @ContainerTest
    void adminWhenWrongPasswordThen401WithBasicChallenge(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.send("GET", ADMIN + "/keys", null, Map.of("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("admin:correct-horse-battery-staple".getBytes(UTF_8))));

            assertEquals(401, response.status());
            assertTrue(response.header("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
            assertFalse(response.body().contains("keys\""), response.body());
        }
    }

    @ContainerTest
    void adminWhenTenWrongPasswordsThen429WithRetryAfterButAdminOnAnotherNetworkStillIn(Containers containers) {
        MutableClock throttleClock = new MutableClock();
        BasicAdminAuthorizer basic = new BasicAdminAuthorizer(PartnerAuthFixture.ADMIN_USER, PartnerAuthFixture.ADMIN_PASSWORD,
                new FailureThrottle(10, Duration.ofMinutes(1), 1000, throttleClock, throttleClock.ticker()));
        try (PartnerAuthFixture host = PartnerAuthFixture.options().filters(f -> f.adminAuthorizer(basic)).start(containers)) {
            Map<String, String> wrong = Map.of("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("admin:not-the-password".getBytes(UTF_8)));
            for (int i = 0; i < 10; i++) {
                assertEquals(401, host.send("GET", ADMIN + "/keys", null, wrong).status(), "attempt " + (i + 1));
            }

            Http.Response throttled = host.admin("GET", "keys", null);
            // ::1 is another network than 127.0.0.1
            Http.Response elsewhere = Http.plain().send("GET", URI.create(host.server.baseUriIpv6() + ADMIN + "/keys"),
                    null, PartnerAuthFixture.adminCredentials());

            assertEquals(429, throttled.status(), throttled.body());
            assertEquals("60", throttled.header("Retry-After").orElseThrow());
            assertEquals(List.of("Too many requests"), PartnerAuthFixture.messages(throttled));
            assertEquals(200, elsewhere.status(), elsewhere.body());
        }
    }

    @ContainerTest
    void adminWhenDefaultAuthorizerThen403ForEveryone(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options()
                .filters(f -> f.adminAuthorizer(AdminAuthorizer.denyAll())).start(containers)) {
            Http.Response response = host.admin("GET", "settings", null);

            assertEquals(403, response.status());
            assertTrue(response.header("WWW-Authenticate").isEmpty());
        }
    }

    @ContainerTest
    void adminWhenUnknownPathThen404(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertEquals(404, host.admin("GET", "partners", null).status());
            assertEquals(404, host.admin("GET", "keys/" + host.keyId + "/secret", null).status());
            assertEquals(404, host.admin("GET", "keys/not-an-id", null).status());
        }
    }

    @ContainerTest
    void adminWhenUnknownPathWithoutCredentialsThen401NotRouteDisclosure(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertEquals(401, host.send("GET", ADMIN + "/partners", null, Map.of()).status());
        }
    }

    @ContainerTest
    void adminWhenWrongMethodThen405WithAllow(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("DELETE", "settings", null);

            assertEquals(405, response.status());
            assertEquals("GET, PUT", response.header("Allow").orElseThrow());
        }
    }

    // ---- settings

    @ContainerTest
    void getSettingsThenCurrentSettings(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("GET", "settings", null);

            assertEquals(200, response.status());
            assertEquals("{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[\"https://prm.example.com\"],"
                    + "\"errors\":[]}", response.body());
        }
    }

    @ContainerTest
    void putSettingsThenChangesOnlyNamedFieldsAndAnswersWhole(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("PUT", "settings",
                    "{\"crm\":\"dynamics\",\"allowed_origins\":[\"HTTPS://PRM.Partner.example:443\"]}");

            assertEquals(200, response.status(), response.body());
            assertEquals("{\"enabled\":true,\"crm\":\"DYNAMICS\",\"allowed_origins\":[\"https://prm.partner.example\"],"
                    + "\"errors\":[]}", response.body());
            assertEquals(json(response).get("allowed_origins"), json(host.admin("GET", "settings", null))
                    .get("allowed_origins"));
        }
    }

    @ContainerTest
    void putSettingsWhenEnablingWithHubspotThen409ClearMessage(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("PUT", "settings", "{\"enabled\":true,\"crm\":\"HUBSPOT\"}");

            assertEquals(409, response.status());
            assertEquals(List.of(Map.of("code", "CRM_NOT_SUPPORTED", "message", CRM_REFUSED, "field", "crm")),
                    errors(response));
            assertEquals("SALESFORCE", json(host.admin("GET", "settings", null)).get("crm"));
        }
    }

    @ContainerTest
    void putSettingsWhenEnablingWithoutCrmThen409ClearMessage(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("PUT", "settings", "{\"enabled\":true,\"crm\":null}");

            assertEquals(409, response.status());
            assertEquals(List.of(CRM_REFUSED), messages(response));
        }
    }

    @ContainerTest
    void putSettingsWhenDisablingWithHubspotThenAccepted(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("PUT", "settings", "{\"enabled\":false,\"crm\":\"HUBSPOT\"}");

            assertEquals(200, response.status(), response.body());
            assertEquals("HUBSPOT", json(response).get("crm"));
        }
    }

    @ContainerTest
    void putSettingsWhenOriginInvalidThen400NamingIt(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("PUT", "settings",
                    "{\"allowed_origins\":[\"https://prm.example.com/portal\"]}");

            assertEquals(400, response.status());
            assertTrue(messages(response).get(0).startsWith("allowed_origins - Invalid parameter value."),
                    response.body());
            assertTrue(messages(response).get(0).contains("https://prm.example.com/portal"), response.body());
        }
    }

    @ContainerTest
    void putSettingsWhenNotJsonContentTypeThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.send("PUT", ADMIN + "/settings", null, Map.of("Authorization",
                    PartnerAuthFixture.adminCredentials().get("Authorization"), "Content-Type",
                    "application/x-www-form-urlencoded"));

            assertEquals(400, response.status());
            assertTrue(json(host.admin("GET", "settings", null)).get("enabled").equals(Boolean.TRUE));
        }
    }

    // ---- keys

    @ContainerTest
    void postKeyThen201WithPlaintextOnlyInThatResponse(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response created = host.admin("POST", "keys",
                    "{\"name\":\"Globex PRM\",\"allowed_ips\":[\"203.0.113.0/24\",\"2001:db8::/32\",\"198.51.100.7\"]}");

            assertEquals(201, created.status(), created.body());
            Map<String, Object> key = json(created);
            String plaintext = (String) key.get("key");
            String id = (String) key.get("id");
            assertTrue(plaintext.startsWith("pak_" + id + "_"), plaintext);
            assertEquals("Globex PRM", key.get("name"));
            assertEquals(List.of("203.0.113.0/24", "2001:db8::/32", "198.51.100.7"), key.get("allowed_ips"));
            assertEquals(PartnerAuthFixture.START.toString(), key.get("created_at"));
            assertTrue(key.containsKey("expires_at"));
            assertNull(key.get("expires_at"));
            String secret = plaintext.substring(("pak_" + id + "_").length());
            for (Http.Response later : List.of(host.admin("GET", "keys", null), host.admin("GET", "keys/" + id, null))) {
                assertEquals(200, later.status());
                assertFalse(later.body().contains(secret), later.body());
                assertFalse(later.body().contains("\"key\""), later.body());
                assertFalse(later.body().toLowerCase(java.util.Locale.ROOT).contains("hash"), later.body());
            }
            assertEquals(KEY_FIELDS, json(host.admin("GET", "keys/" + id, null)).keySet());
        }
    }

    @ContainerTest
    void postKeyThenItAuthenticates(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String plaintext = (String) json(host.admin("POST", "keys", "{\"name\":\"Globex PRM\"}")).get("key");

            assertEquals(200, host.authenticate(plaintext).status());
        }
    }

    @ContainerTest
    void getKeysThenMetadataOfEveryKeyWithLastUse(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.clock.advance(Duration.ofMinutes(5));
            host.token();

            Http.Response response = host.admin("GET", "keys", null);

            assertEquals(200, response.status());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> keys = (List<Map<String, Object>>) json(response).get("keys");
            assertEquals(1, keys.size());
            assertEquals(Set.of("id", "partner_id", "name", "allowed_ips", "created_at", "expires_at", "last_used_at"),
                    keys.get(0).keySet());
            assertEquals(host.keyId, keys.get(0).get("id"));
            assertEquals("2030-01-15T10:05:00Z", keys.get(0).get("last_used_at"));
            assertEquals(List.of(), json(response).get("errors"));
            assertFalse(response.body().contains(host.key.substring(17)), response.body());
        }
    }

    @ContainerTest
    void putKeyThenChangesOnlyNamedFieldsAndAnswersWhole(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.admin("PUT", "keys/" + host.keyId, "{\"allowed_ips\":[\"203.0.113.0/24\"]}");

            Http.Response renamed = host.admin("PUT", "keys/" + host.keyId, "{\"name\":\"Acme PRM (EU)\"}");

            assertEquals(200, renamed.status(), renamed.body());
            Map<String, Object> key = json(renamed);
            assertEquals(KEY_FIELDS, key.keySet());
            assertEquals("Acme PRM (EU)", key.get("name"));
            assertEquals(List.of("203.0.113.0/24"), key.get("allowed_ips"));
            assertEquals(PartnerAuthFixture.START.toString(), key.get("created_at"));
            assertEquals(key, json(host.admin("GET", "keys/" + host.keyId, null)));
        }
    }

    @ContainerTest
    void putKeyWhenExpirySetThenClearedWithNull(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response set = host.admin("PUT", "keys/" + host.keyId, "{\"expires_at\":\"2030-02-01T00:00:00Z\"}");
            Http.Response cleared = host.admin("PUT", "keys/" + host.keyId, "{\"expires_at\":null}");

            assertEquals("2030-02-01T00:00:00Z", json(set).get("expires_at"));
            assertEquals(200, cleared.status(), cleared.body());
            assertTrue(json(cleared).containsKey("expires_at"));
            assertNull(json(cleared).get("expires_at"));
            assertEquals("Acme PRM", json(cleared).get("name"));
        }
    }

    @ContainerTest
    void keysWhenExpiresAtNotAnRfc3339DateTimeThen400NamingTheFieldOnPostAndPut(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            for (String bad : List.of("+1000000000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                    "20300-01-01T00:00:00Z", "2030-01-01", "2030-01-01T00:00Z", "2030-01-01T00:00:00", "2030-13-01T00:00:00Z",
                    "2030-02-30T00:00:00Z", "2030-01-01T24:00:00Z", "2030-01-01T00:00:00+2:00", "2030-01-01 00:00:00Z",
                    "٢٠٣٠-01-01T00:00:00Z", "tomorrow", "")) {
                String body = "{\"expires_at\":\"" + bad + "\"}";
                Http.Response post = host.admin("POST", "keys", "{\"name\":\"n\",\"expires_at\":\"" + bad + "\"}");
                Http.Response put = host.admin("PUT", "keys/" + host.keyId, body);

                for (Http.Response r : List.of(post, put)) {
                    assertEquals(400, r.status(), bad + ": " + r.body());
                    assertEquals("expires_at", errors(r).get(0).get("field"), bad);
                    assertTrue(messages(r).get(0).startsWith("expires_at - Invalid parameter value."), r.body());
                }
            }
            assertEquals(1, json(host.admin("GET", "keys", null)).get("keys") instanceof List<?> l ? l.size() : -1);
            assertNull(json(host.admin("GET", "keys/" + host.keyId, null)).get("expires_at"));
        }
    }

    @ContainerTest
    void keysWhenExpiresAtHasOffsetOrLowercaseOrFractionThenStoredAsThatInstant(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response offset = host.admin("PUT", "keys/" + host.keyId, "{\"expires_at\":\"2030-02-01T02:00:00+02:00\"}");
            Http.Response lower = host.admin("POST", "keys", "{\"name\":\"n\",\"expires_at\":\"2030-02-01t00:00:00.5z\"}");

            assertEquals("2030-02-01T00:00:00Z", json(offset).get("expires_at"), offset.body());
            assertEquals("2030-02-01T00:00:00.500Z", json(lower).get("expires_at"), lower.body());
        }
    }

    @ContainerTest
    void putKeyWhenExpiryPassedThenKeyRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.admin("PUT", "keys/" + host.keyId, "{\"expires_at\":\"2030-01-15T10:00:30Z\"}");
            assertEquals(200, host.authenticate().status());
            host.clock.advance(Duration.ofSeconds(30));

            assertEquals(403, host.authenticate().status());
        }
    }

    @ContainerTest
    void putKeyWhenExpiryNotInstantThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("PUT", "keys/" + host.keyId, "{\"expires_at\":\"next friday\"}");

            assertEquals(400, response.status());
            assertEquals("expires_at", errors(response).get(0).get("field"));
        }
    }

    @ContainerTest
    void postKeyWhenAllowedIpInvalidThen400NamingIt(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("POST", "keys",
                    "{\"name\":\"Globex\",\"allowed_ips\":[\"203.0.113.0/24\",\"203.0.113.300\"]}");

            assertEquals(400, response.status());
            assertEquals("allowed_ips", errors(response).get(0).get("field"));
            assertTrue(messages(response).get(0).contains("203.0.113.300"), response.body());
            assertEquals(1, ((List<?>) json(host.admin("GET", "keys", null)).get("keys")).size());
        }
    }

    @ContainerTest
    void putKeyWhenAllowedIpInvalidThen400NamingItAndKeyUnchanged(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("PUT", "keys/" + host.keyId,
                    "{\"name\":\"renamed\",\"allowed_ips\":[\"2001:db8::/129\"]}");

            assertEquals(400, response.status());
            assertTrue(messages(response).get(0).contains("2001:db8::/129"), response.body());
            assertEquals("Acme PRM", json(host.admin("GET", "keys/" + host.keyId, null)).get("name"));
        }
    }

    @ContainerTest
    void postKeyWhenAllowedIpsNullThen400AndNoKeyCreated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("POST", "keys", "{\"name\":\"Globex\",\"allowed_ips\":null}");

            assertEquals(400, response.status());
            assertEquals("allowed_ips", errors(response).get(0).get("field"));
            assertEquals(1, ((List<?>) json(host.admin("GET", "keys", null)).get("keys")).size());
        }
    }

    @ContainerTest
    void putSettingsWhenOriginsNullThen400AndSettingsUnchanged(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("PUT", "settings", "{\"allowed_origins\":null}");

            assertEquals(400, response.status());
            assertEquals("allowed_origins", errors(response).get(0).get("field"));
            assertEquals(List.of("https://prm.example.com"),
                    json(host.admin("GET", "settings", null)).get("allowed_origins"));
        }
    }

    @ContainerTest
    void postKeyWhenNameMissingThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.admin("POST", "keys", "{\"allowed_ips\":[]}");

            assertEquals(400, response.status());
            assertEquals(List.of("Request payload missing mandatory field(s): name"), messages(response));
        }
    }

    @ContainerTest
    void deleteKeyThen204ThenKeyGone(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response deleted = host.admin("DELETE", "keys/" + host.keyId, null);

            assertEquals(204, deleted.status());
            assertEquals("", deleted.body());
            assertEquals(404, host.admin("GET", "keys/" + host.keyId, null).status());
            assertEquals(404, host.admin("DELETE", "keys/" + host.keyId, null).status());
            assertEquals(404, host.admin("PUT", "keys/" + host.keyId, "{\"name\":\"back\"}").status());
            assertEquals(403, host.authenticate().status());
        }
    }

    // ---- audit

    @ContainerTest
    void getAuditWithLimitThenNewestFirst(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String id = (String) json(host.admin("POST", "keys", "{\"name\":\"Globex\"}")).get("id");
            host.clock.advance(Duration.ofSeconds(1));
            host.admin("PUT", "keys/" + id, "{\"name\":\"Globex EU\"}");
            host.clock.advance(Duration.ofSeconds(1));
            host.admin("PUT", "keys/" + id, "{\"allowed_ips\":[\"203.0.113.0/24\"]}");
            host.clock.advance(Duration.ofSeconds(1));
            host.admin("DELETE", "keys/" + id, null);
            host.clock.advance(Duration.ofSeconds(1));
            host.authenticate(PartnerApiRejectionHttpTest.withOtherSecret(host.key));
            host.clock.advance(Duration.ofSeconds(1));
            host.admin("PUT", "settings", "{\"allowed_origins\":[]}");

            Http.Response response = host.admin("GET", "audit?limit=5", null);

            assertEquals(200, response.status());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> events = (List<Map<String, Object>>) json(response).get("events");
            assertEquals(List.of("SETTINGS_CHANGED", "AUTHENTICATE_REFUSED", "KEY_DELETED", "KEY_IPS_CHANGED",
                    "KEY_RENAMED"), events.stream().map(e -> e.get("type")).toList());
            assertEquals("2030-01-15T10:00:05Z", events.get(0).get("at"));
            assertEquals("127.0.0.1", events.get(1).get("client_ip"));
            assertEquals("KEY_MISMATCH", events.get(1).get("reason"));
            assertFalse(response.body().contains(host.key), "no key in the audit");
        }
    }

    @ContainerTest
    void getAuditWhenLimitInvalidThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            for (String limit : List.of("0", "-1", "abc", "1001", "99999999999")) {
                Http.Response response = host.admin("GET", "audit?limit=" + limit, null);

                assertEquals(400, response.status(), limit);
                assertEquals("limit", errors(response).get(0).get("field"), limit);
            }
        }
    }
}
