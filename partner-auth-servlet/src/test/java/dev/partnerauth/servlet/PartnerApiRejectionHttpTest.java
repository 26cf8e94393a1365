package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.AUTHENTICATE;
import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_OPPORTUNITY;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.authenticateBody;
import static dev.partnerauth.servlet.PartnerAuthFixture.errors;
import static dev.partnerauth.servlet.PartnerAuthFixture.messages;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.key.KeyChanges;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.servlet.testing.RawHttp;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.testing.KeyChecksums;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Every row of the status table of SPEC section 3, with its exact message, over HTTP. */
class PartnerApiRejectionHttpTest {
    static final String FORBIDDEN = "{\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\"Forbidden\"}]}";
    static final String UNAUTHENTICATED = "{\"errors\":[{\"code\":\"UNAUTHENTICATED\",\"message\":\"Unauthenticated\"}]}";
    private static final String INVALID_FORMAT = "Invalid payload format. Supported format: JSON";
    private static final String OPPORTUNITY = "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}";

    // ---- 400

    @ContainerTest
    void authenticateWhenBodyIsNotJsonThen400InvalidPayloadFormat(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, "{\"authentication\": ", Map.of());

            assertInvalidPayloadFormat(response);
            assertEquals("INVALID_PAYLOAD_FORMAT", errors(response).get(0).get("code"));
        }
    }

    @ContainerTest
    void authenticateWhenBodyIsJsonArrayThen400InvalidPayloadFormat(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, "[]", Map.of());

            assertInvalidPayloadFormat(response);
        }
    }

    @ContainerTest
    void authenticateWhenContentTypeTextPlainThen400InvalidPayloadFormat(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("Content-Type", "text/plain"));

            assertInvalidPayloadFormat(response);
        }
    }

    @ContainerTest
    void authenticateWhenCharsetLatin1Then400InvalidPayloadFormat(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, authenticateBody(host.key, USER_ID),
                    Map.of("Content-Type", "application/json;charset=latin1"));

            assertInvalidPayloadFormat(response);
        }
    }

    @ContainerTest
    void createQuoteWhenContentTypeMissingThen400InvalidPayloadFormat(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.send("POST", CREATE_QUOTE, null, Map.of("Authorization", "Bearer x"));

            assertInvalidPayloadFormat(response);
        }
    }

    @ContainerTest
    void authenticateWhenUserFieldsMissingThenAllListedInOneMessage(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, "{\"authentication\":\"" + host.key
                    + "\",\"user_information\":{\"type\":\"partner\",\"company\":\"Acme\"}}", Map.of());

            assertEquals(400, response.status());
            assertEquals(List.of("Request payload missing mandatory field(s): user_information.user_id, "
                    + "user_information.login, user_information.email, user_information.name"), messages(response));
            assertEquals("MISSING_FIELD", errors(response).get(0).get("code"));
        }
    }

    @ContainerTest
    void authenticateWhenBodyEmptyObjectThenBothTopLevelFieldsListed(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, "{}", Map.of());

            assertEquals(400, response.status());
            assertEquals(List.of("Request payload missing mandatory field(s): authentication, user_information"),
                    messages(response));
        }
    }

    @ContainerTest
    void openQuoteWhenBothIdsMissingThenBothListedWithoutTouchingToken(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.launch(OPEN_QUOTE, "not-even-a-token", "{}");

            assertEquals(400, response.status());
            assertEquals(List.of("Request payload missing mandatory field(s): opportunity_id, quote_id"),
                    messages(response));
        }
    }

    @ContainerTest
    void authenticateWhenUnknownFieldThen400Unrecognized(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String body = authenticateBody(host.key, USER_ID).replace("\"company\"", "\"nickname\"");

            Http.Response response = host.post(AUTHENTICATE, body, Map.of());

            assertEquals(400, response.status());
            assertEquals(List.of("Unrecognized parameter: user_information.nickname"), messages(response));
            assertEquals("UNRECOGNIZED_PARAMETER", errors(response).get(0).get("code"));
        }
    }

    @ContainerTest
    void createQuoteWhenUnknownFieldThen400Unrecognized(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.launch(CREATE_QUOTE, host.token(),
                    "{\"opportunity_id\":\"006\",\"quote_id\":\"Q-1\"}");

            assertEquals(400, response.status());
            assertEquals(List.of("Unrecognized parameter: quote_id"), messages(response));
        }
    }

    @ContainerTest
    void authenticateWhenTypeIsNotPartnerThen400InvalidValueNamingField(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String body = authenticateBody(host.key, USER_ID).replace("\"type\":\"partner\"", "\"type\":\"employee\"");

            Http.Response response = host.post(AUTHENTICATE, body, Map.of());

            assertEquals(400, response.status());
            assertEquals(List.of(Map.of("code", "INVALID_VALUE", "field", "user_information.type",
                    "message", "user_information.type - Invalid parameter value. Valid value(s): partner")),
                    errors(response));
        }
    }

    @ContainerTest
    void authenticateWhenNameTooLongThen400ExceedsLimit(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String body = authenticateBody(host.key, USER_ID).replace("David Solomon", "D".repeat(256));

            Http.Response response = host.post(AUTHENTICATE, body, Map.of());

            assertEquals(400, response.status());
            assertEquals(List.of(Map.of("code", "TOO_LONG", "field", "user_information.name", "message",
                    "The request parameter user_information.name exceeds its limits. Allowed maximum length: 255")),
                    errors(response));
        }
    }

    @ContainerTest
    void createQuoteWhenOpportunityIdTooLongThen400ExceedsLimit(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.launch(CREATE_QUOTE, host.token(),
                    "{\"opportunity_id\":\"" + "0".repeat(256) + "\"}");

            assertEquals(400, response.status());
            assertEquals(List.of("The request parameter opportunity_id exceeds its limits. Allowed maximum length: 255"),
                    messages(response));
        }
    }

    // ---- 403 Forbidden: one body whatever the reason; the reason is in the audit log only

    @ContainerTest
    void authenticateWhenKeyMalformedThen403Forbidden(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertForbidden(host, host.authenticate("480zZQNXR8zoTicG.7MIkom0ETwBjYWzi"), "KEY_MALFORMED");
        }
    }

    @ContainerTest
    void authenticateWhenKeyUnknownThen403Forbidden(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String foreignKey = PartnerAuth.builder().keyPepper(KeyPepper.of(new byte[32]))
                    .publicBaseUrl(URI.create("https://other.example")).slf4jAudit(false).build()
                    .createKey("elsewhere", IpAllowlist.ANY, null, "admin").plaintext();

            assertForbidden(host, host.authenticate(foreignKey), "KEY_UNKNOWN");
        }
    }

    @ContainerTest
    void authenticateWhenSecretWrongThen403Forbidden(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertForbidden(host, host.authenticate(withOtherSecret(host.key)), "KEY_MISMATCH");
        }
    }

    @ContainerTest
    void authenticateWhenIpNotAllowedThen403Forbidden(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().keyAllowedIps(List.of("203.0.113.0/24"))
                .start(containers)) {
            assertForbidden(host, host.authenticate(), "IP_NOT_ALLOWED");
        }
    }

    @ContainerTest
    void authenticateWhenAuthenticatorDisabledThen403Forbidden(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.auth.updateSettings(new AuthenticatorSettings(false, CrmSystem.SALESFORCE, List.of()), "admin");

            assertForbidden(host, host.authenticate(), "AUTHENTICATOR_DISABLED");
        }
    }

    @ContainerTest
    void authenticateWhenUserDisabledByHostThen403Forbidden(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.token();
            host.auth.setUserEnabled(host.partnerId, USER_ID, false, "admin");

            assertForbidden(host, host.authenticate(), "USER_DISABLED");
        }
    }

    @ContainerTest
    void authenticateWhenKeyExpiredThen403Forbidden(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.auth.updateKey(new KeyId(host.keyId),
                    KeyChanges.none().withExpiresAt(PartnerAuthFixture.START.plus(Duration.ofHours(1))), "admin");
            host.clock.advance(Duration.ofHours(1));

            assertForbidden(host, host.authenticate(), "KEY_EXPIRED");
        }
    }

    // ---- 403 Unauthenticated

    @ContainerTest
    void createQuoteWhenNoAuthorizationThen403Unauthenticated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertUnauthenticated(host.post(CREATE_QUOTE, OPPORTUNITY, Map.of()));
        }
    }

    @ContainerTest
    void createQuoteWhenAuthorizationNotBearerThen403Unauthenticated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertUnauthenticated(host.post(CREATE_QUOTE, OPPORTUNITY, Map.of("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("a:b".getBytes(UTF_8)))));
        }
    }

    @ContainerTest
    void createQuoteWhenTokenMalformedThen403Unauthenticated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertUnauthenticated(host.launch(CREATE_QUOTE, "4D114DAD97361C84B154A828FF991", OPPORTUNITY));
        }
    }

    @ContainerTest
    void createQuoteWhenTokenClaimsForgedThen403Unauthenticated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String[] parts = host.token().split("\\.");
            Base64.Decoder decoder = Base64.getUrlDecoder();
            String claims = new String(decoder.decode(parts[1]), UTF_8).replace(USER_ID, "005xx000001AdminAA");
            String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(claims.getBytes(UTF_8)) + "." + parts[2];

            assertUnauthenticated(host.launch(CREATE_QUOTE, forged, OPPORTUNITY));
        }
    }

    @ContainerTest
    void createQuoteWhenTokenFromAnotherInstallationThen403Unauthenticated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers);
             PartnerAuthFixture other = PartnerAuthFixture.start(containers)) {
            assertUnauthenticated(host.launch(CREATE_QUOTE, other.token(), OPPORTUNITY));
        }
    }

    @ContainerTest
    void createQuoteWhenTokenExpiredThen403Unauthenticated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            host.clock.advance(Duration.ofSeconds(61));

            assertUnauthenticated(host.launch(CREATE_QUOTE, token, OPPORTUNITY));
        }
    }

    @ContainerTest
    void createQuoteWhenTokenAlreadyUsedThen403Unauthenticated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            assertEquals(200, host.launch(CREATE_QUOTE, token, OPPORTUNITY).status());

            assertUnauthenticated(host.launch(OPEN_OPPORTUNITY, token, OPPORTUNITY));
        }
    }

    // a deleted key's outstanding token: PartnerApiTokenHttpTest.launchWhenKeyDeletedThroughAdminApiThen...

    // ---- 405

    @ContainerTest
    void partnerEndpointsWhenMethodNotPostThen405WithAllow(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Map<String, String> allow = Map.of(AUTHENTICATE, "POST", CREATE_QUOTE, "POST, OPTIONS",
                    OPEN_QUOTE, "POST, OPTIONS", OPEN_OPPORTUNITY, "POST, OPTIONS");
            allow.forEach((path, allowed) -> {
                for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
                    Http.Response response = host.send(method, path, method.startsWith("P") ? "{}" : null, Map.of());

                    assertEquals(405, response.status(), method + " " + path);
                    assertEquals(allowed, response.header("Allow").orElse(null), method + " " + path);
                    assertEquals(List.of("Method not allowed"), messages(response), method + " " + path);
                }
            });
        }
    }

    // ---- 413

    @ContainerTest
    void authenticateWhenContentLengthOverLimitThen413(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.post(AUTHENTICATE, oversizedBody(host), Map.of());

            assertEquals(413, response.status());
            assertEquals(List.of("Payload too large"), messages(response));
        }
    }

    @ContainerTest
    void authenticateWhenChunkedBodyOverLimitThen413(Containers containers) throws IOException {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            byte[] body = oversizedBody(host).getBytes(UTF_8);
            byte[] chunked = RawHttp.chunked(Arrays.copyOfRange(body, 0, 4000), Arrays.copyOfRange(body, 4000, 12000),
                    Arrays.copyOfRange(body, 12000, body.length));

            RawHttp.Response response = RawHttp.send(host.server.uri(AUTHENTICATE), "POST " + AUTHENTICATE
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", chunked);

            assertEquals(413, response.status());
            assertTrue(response.bodyText().contains("\"message\":\"Payload too large\""), response.bodyText());
        }
    }

    @ContainerTest
    void authenticateWhenBodyJustUnderLimitThenNot413(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String base = authenticateBody(host.key, USER_ID);
            String padded = base.substring(0, base.length() - 1) + " ".repeat(16 * 1024 - base.length()) + "}";

            Http.Response response = host.post(AUTHENTICATE, padded, Map.of());

            assertEquals(16 * 1024, padded.getBytes(UTF_8).length);
            assertEquals(200, response.status(), response.body());
        }
    }

    // ---- 429

    @ContainerTest
    void authenticateWhenNeighbourSendsWrongSecretsForThePartnersKeyIdThenJunk429ButGoodKeyAccepted(Containers containers) {
        // someone on the partner's network who knows its key id (from a log line, an audit export)
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String wrong = withOtherSecret(host.key);
            for (int i = 0; i < 10; i++) {
                assertEquals(403, host.authenticate(wrong).status(), "attempt " + (i + 1));
            }

            Http.Response refused = host.authenticate(wrong);
            Http.Response good = host.authenticate();

            assertEquals(429, refused.status());
            assertEquals(List.of("Too many requests"), messages(refused));
            assertEquals("60", refused.header("Retry-After").orElseThrow());
            assertEquals(200, good.status(), good.body());
            assertEquals(429, host.authenticate(wrong).status(), "the junk is still slowed");
        }
    }

    @ContainerTest
    void authenticateWhenSharedNetworkFloodsJunkKeysThenThePartnersGoodKeyStillAccepted(Containers containers) {
        // an attacker behind the partner's egress address (a NAT, a SaaS PRM's egress) without its key
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            for (int i = 0; i < 30; i++) {
                int status = host.authenticate(i % 2 == 0 ? "pak_junk" + i : withOtherSecret(host.key)).status();
                assertEquals(i < 10 ? 403 : 429, status, "attempt " + (i + 1));
            }

            Http.Response good = host.authenticate();

            assertEquals(200, good.status(), good.body());
        }
    }

    @ContainerTest
    void authenticateWhenThrottleWindowPassedThenRefusalsAre403Again(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String wrong = withOtherSecret(host.key);
            for (int i = 0; i < 10; i++) {
                host.authenticate(wrong);
            }
            host.clock.advance(Duration.ofSeconds(45));
            assertEquals("15", host.authenticate(wrong).header("Retry-After").orElseThrow());
            host.clock.advance(Duration.ofSeconds(15));

            assertEquals(403, host.authenticate(wrong).status());
        }
    }

    @ContainerTest
    void launchWhenSharedNetworkFloodsJunkTokensThenJunk429ButGoodTokenAccepted(Containers containers) {
        // a page someone on the partner user's network opened, posting made-up and spent tokens
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String good = host.token();
            String spent = host.token();
            assertEquals(200, host.launch(CREATE_QUOTE, spent, OPPORTUNITY).status());
            for (int i = 0; i < 60; i++) {
                String junk = i % 2 == 0 ? "forged-" + i : spent;
                assertEquals(403, host.launch(CREATE_QUOTE, junk, OPPORTUNITY).status(), "attempt " + (i + 1));
            }

            Http.Response refused = host.launch(CREATE_QUOTE, "forged", OPPORTUNITY);
            Http.Response withGoodToken = host.launch(CREATE_QUOTE, good, OPPORTUNITY);

            assertEquals(429, refused.status());
            assertEquals(List.of("Too many requests"), messages(refused));
            assertEquals("60", refused.header("Retry-After").orElseThrow());
            assertEquals(200, withGoodToken.status(), withGoodToken.body());
            assertEquals(429, host.launch(CREATE_QUOTE, good, OPPORTUNITY).status(), "spent now: junk like the rest");
        }
    }

    @ContainerTest
    void authenticateWhenPartnerHasItsBoundOfTokensOutstandingThen429WithRetryAfter(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().auth(b -> b.maxOutstandingTokensPerPartner(2))
                .start(containers)) {
            assertEquals(200, host.authenticate().status());
            assertEquals(200, host.authenticate().status());

            Http.Response refused = host.authenticate();

            assertEquals(429, refused.status());
            assertEquals(List.of("Too many requests"), messages(refused));
            assertTrue(refused.header("Retry-After").isPresent());
        }
    }

    @ContainerTest
    void authenticateWhenPartnerAtItsUserBoundThenNewUser409NamingUserId(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options()
                .auth(b -> b.userStore(new dev.partnerauth.internal.memory.InMemoryPartnerUserStore(1))).start(containers)) {
            assertEquals(200, host.authenticate().status());

            Http.Response refused = host.post(AUTHENTICATE, authenticateBody(host.key, "another-user"), Map.of());

            assertEquals(409, refused.status());
            assertEquals(List.of(Map.of("code", "USER_LIMIT_REACHED", "message", "This partner has reached its limit of 1 users",
                    "field", "user_information.user_id")), errors(refused));
            assertEquals(200, host.authenticate().status(), "its existing user still signs in");
        }
    }

    // ---- helpers

    private static void assertForbidden(PartnerAuthFixture host, Http.Response response, String auditedReason) {
        assertEquals(403, response.status());
        assertEquals(FORBIDDEN, response.body());
        AuditEvent event = host.auth.recentAuditEvents(1).get(0);
        assertEquals(AuditEventType.AUTHENTICATE_REFUSED, event.type());
        assertEquals(auditedReason, event.reason());
    }

    private static void assertInvalidPayloadFormat(Http.Response response) {
        assertEquals(400, response.status());
        assertEquals(List.of(INVALID_FORMAT), messages(response));
    }

    static void assertUnauthenticated(Http.Response response) {
        assertEquals(403, response.status());
        assertEquals(UNAUTHENTICATED, response.body());
    }

    private static String oversizedBody(PartnerAuthFixture host) {
        return authenticateBody(host.key, USER_ID).replace("Acme Partner", "x".repeat(17 * 1024));
    }

    /**
     * The fixture's key with its id kept and another secret, checksum recomputed, so that it passes
     * the shape check and fails the hash check.
     */
    static String withOtherSecret(String key) {
        String body = key.substring(0, "pak_".length() + 12 + 1) + "S".repeat(22);
        return body + KeyChecksums.checksum(body);
    }

}
