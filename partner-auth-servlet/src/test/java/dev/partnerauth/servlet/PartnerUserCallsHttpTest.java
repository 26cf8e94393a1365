package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerApiRejectionHttpTest.withOtherSecret;
import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.PRM_ORIGIN;
import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.errors;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.messages;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static dev.partnerauth.servlet.PartnerLaunchFlowHttpTest.launchUrlPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.settings.AuthenticatorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/signout/user}, {@code deactivate/user}, {@code activate/user} and the admin's
 * {@code POST users/{partner}/{user}/signout}, over HTTP on Jetty and Tomcat: every row of the
 * contract, and the sessions, tokens and launch codes they end.
 */
class PartnerUserCallsHttpTest {
    static final String SIGNOUT = "/api/v1/signout/user";
    static final String DEACTIVATE = "/api/v1/deactivate/user";
    static final String ACTIVATE = "/api/v1/activate/user";
    private static final String OPPORTUNITY = "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}";

    static String body(String key, String userId) {
        return "{\"authentication\":\"" + key + "\",\"user_id\":\"" + userId + "\"}";
    }

    private static Http.Response call(PartnerAuthFixture host, String path, String key, String userId) {
        return host.post(path, body(key, userId), Map.of());
    }

    private static String signedInCookie(PartnerAuthFixture host) {
        Http.Response landed = host.land(launchUrlPath(host), null);
        assertEquals(303, landed.status(), landed.body());
        String cookie = sessionCookie(landed).orElseThrow();
        assertTrue(host.principalOnPage(cookie).isPresent());
        return cookie;
    }

    private static String cookieOf(PartnerAuthFixture host, String launchPath) {
        Http.Response landed = host.land(launchPath, null);
        assertEquals(303, landed.status(), landed.body());
        return sessionCookie(landed).orElseThrow();
    }

    private static void assertOk(Http.Response response) {
        assertEquals(200, response.status(), response.body());
        assertEquals(Map.of("errors", List.of()), json(response));
        assertEquals("application/json;charset=utf-8",
                response.header("Content-Type").orElseThrow().toLowerCase(java.util.Locale.ROOT).replace(" ", ""));
    }

    private static void assertForbidden(Http.Response response) {
        assertEquals(403, response.status(), response.body());
        assertEquals(List.of(Map.of("code", "FORBIDDEN", "message", "Forbidden")), errors(response));
    }

    private static void assertUserNotFound(Http.Response response) {
        assertEquals(404, response.status(), response.body());
        assertEquals(List.of(Map.of("code", "NOT_FOUND", "message", "Not found: user_id", "field", "user_id")),
                errors(response));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listedUser(PartnerAuthFixture host, String userId) {
        Http.Response response = host.admin("GET", "users?partner_id=" + host.partnerId, null);
        assertEquals(200, response.status(), response.body());
        return ((List<Map<String, Object>>) json(response).get("users")).stream()
                .filter(u -> userId.equals(u.get("user_id"))).findFirst().orElseThrow();
    }

    private static AuditEvent lastEvent(PartnerAuthFixture host, AuditEventType type) {
        return host.auth.recentAuditEvents(100).stream().filter(e -> e.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type));
    }

    // ---- signout/user

    @ContainerTest
    void signOutThen200AndSessionAnonymousAndOutstandingTokenRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);
            String colleague = cookieOf(host, host.launchPath(host.key, "colleague-1", "Colleague"));
            String outstanding = host.token();
            String launchPath = launchUrlPath(host);

            assertOk(call(host, SIGNOUT, host.key, USER_ID));

            assertEquals(Optional.empty(), host.principalOnPage(cookie));
            assertTrue(host.principalOnPage(colleague).isPresent(), "another user of the partner stays signed in");
            Http.Response launch = host.launch(CREATE_QUOTE, outstanding, OPPORTUNITY);
            assertEquals(403, launch.status());
            assertEquals(List.of("Unauthenticated"), messages(launch));
            Http.Response landed = host.land(launchPath, null);
            assertTrue(sessionCookie(landed).isEmpty() || host.principalOnPage(sessionCookie(landed).get()).isEmpty(),
                    "a launch code issued before the sign-out signs nobody in");
            AuditEvent e = lastEvent(host, AuditEventType.USER_SIGNED_OUT);
            assertEquals(host.partnerId.value(), e.partnerId());
            assertEquals(host.keyId, e.keyId());
            assertEquals(USER_ID, e.userId());
            assertEquals("USER_SIGNED_OUT", host.auth.recentAuditEvents(100).stream()
                    .filter(x -> x.type() == AuditEventType.SESSION_ENDED).findFirst().orElseThrow().reason());
        }
    }

    @ContainerTest
    void signOutWhenUserSignsInAgainThenNewSessionStands(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            signedInCookie(host);
            assertOk(call(host, SIGNOUT, host.key, USER_ID));

            String again = signedInCookie(host);

            assertTrue(host.principalOnPage(again).isPresent());
            assertEquals(true, listedUser(host, USER_ID).get("active"));
        }
    }

    @ContainerTest
    void signOutWhenFieldsMissingThen400ListingThem(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            for (String path : List.of(SIGNOUT, DEACTIVATE, ACTIVATE)) {
                Http.Response none = host.post(path, "{}", Map.of());
                assertEquals(400, none.status(), path);
                assertEquals(List.of("Request payload missing mandatory field(s): authentication, user_id"), messages(none));
                Http.Response noUser = host.post(path, "{\"authentication\":\"" + host.key + "\"}", Map.of());
                assertEquals(400, noUser.status());
                assertEquals("user_id", errors(noUser).get(0).get("field"));
            }
        }
    }

    @ContainerTest
    void signOutWhenBadValuesThen400NamingTheField(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response unknown = host.post(SIGNOUT, "{\"authentication\":\"" + host.key + "\",\"user_id\":\"u\",\"partner_id\":\"x\"}",
                    Map.of());
            assertEquals(List.of("Unrecognized parameter: partner_id"), messages(unknown));
            Http.Response number = host.post(SIGNOUT, "{\"authentication\":\"" + host.key + "\",\"user_id\":42}", Map.of());
            assertEquals(400, number.status());
            assertEquals(List.of("user_id - Invalid parameter value. Valid value(s): string"), messages(number));
            Http.Response empty = host.post(SIGNOUT, body(host.key, " "), Map.of());
            assertEquals("user_id", errors(empty).get(0).get("field"));
            Http.Response tooLong = host.post(SIGNOUT, body(host.key, "u".repeat(256)), Map.of());
            assertEquals(List.of("The request parameter user_id exceeds its limits. Allowed maximum length: 255"),
                    messages(tooLong));
            Http.Response control = host.post(SIGNOUT, body(host.key, "u\\u0007"), Map.of());
            assertEquals("user_id", errors(control).get(0).get("field"));
            Http.Response notJson = host.post(SIGNOUT, "user_id=u", Map.of());
            assertEquals(List.of("Invalid payload format. Supported format: JSON"), messages(notJson));
            Http.Response array = host.post(SIGNOUT, "[]", Map.of());
            assertEquals(400, array.status());
        }
    }

    @ContainerTest
    void signOutWhenWrongMethodThen405(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = host.send("GET", SIGNOUT, null, Map.of());
            assertEquals(405, response.status());
            assertEquals("POST", response.header("Allow").orElseThrow());
        }
    }

    @ContainerTest
    void signOutWhenUnknownUserThen404NamingUserId(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertUserNotFound(call(host, SIGNOUT, host.key, "nobody"));
            assertUserNotFound(call(host, DEACTIVATE, host.key, "nobody"));
            assertUserNotFound(call(host, ACTIVATE, host.key, "nobody"));
        }
    }

    @ContainerTest
    void signOutWhenAnotherPartnersKeyNamesTheUserThen404AndNothingChanged(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);
            String outstanding = host.token();
            Http.Response created = host.admin("POST", "keys", "{\"name\":\"Other PRM\"}");
            String otherKey = (String) json(created).get("key");

            assertUserNotFound(call(host, SIGNOUT, otherKey, USER_ID));
            assertUserNotFound(call(host, DEACTIVATE, otherKey, USER_ID));
            host.clock.advance(Duration.ofSeconds(6));

            assertTrue(host.principalOnPage(cookie).isPresent());
            assertEquals(200, host.launch(CREATE_QUOTE, outstanding, OPPORTUNITY).status());
            assertEquals(true, listedUser(host, USER_ID).get("active"));
        }
    }

    @ContainerTest
    void signOutWhenWrongKeyThenTheOne403(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);

            assertForbidden(call(host, SIGNOUT, withOtherSecret(host.key), USER_ID));
            assertForbidden(call(host, DEACTIVATE, "pak_junk", USER_ID));
            // a well-formed key of no partner, and a wrong key naming a user that does not exist: the same 403
            assertForbidden(call(host, ACTIVATE, withOtherSecret(host.key), "nobody"));

            assertTrue(host.principalOnPage(cookie).isPresent());
            AuditEvent refused = lastEvent(host, AuditEventType.AUTHENTICATE_REFUSED);
            assertEquals("activate/user", refused.detail());
            assertEquals("KEY_MISMATCH", refused.reason());
        }
    }

    @ContainerTest
    void signOutWhenCallerOutsideKeysAllowlistThen403AndNothingChanged(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().keyAllowedIps(List.of("203.0.113.0/24"))
                .start(containers)) {
            host.auth.updateKey(new dev.partnerauth.key.KeyId(host.keyId), dev.partnerauth.key.KeyChanges.none()
                    .withAllowedIps(dev.partnerauth.allowlist.IpAllowlist.ANY), "admin");
            String cookie = signedInCookie(host);
            host.auth.updateKey(new dev.partnerauth.key.KeyId(host.keyId), dev.partnerauth.key.KeyChanges.none()
                    .withAllowedIps(dev.partnerauth.allowlist.IpAllowlist.parse(List.of("203.0.113.0/24"))), "admin");

            assertForbidden(call(host, SIGNOUT, host.key, USER_ID));

            assertTrue(host.principalOnPage(cookie).isPresent());
            assertEquals("IP_NOT_ALLOWED", lastEvent(host, AuditEventType.AUTHENTICATE_REFUSED).reason());
        }
    }

    @ContainerTest
    void signOutWhenBrowserOriginThen403BrowserOriginRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);
            for (String path : List.of(SIGNOUT, DEACTIVATE, ACTIVATE)) {
                Http.Response response = host.post(path, body(host.key, USER_ID), Map.of("Origin", PRM_ORIGIN));
                assertEquals(403, response.status(), path);
                assertEquals("BROWSER_ORIGIN_REFUSED", errors(response).get(0).get("code"));
                assertFalse(response.header("Access-Control-Allow-Origin").isPresent());
            }
            assertTrue(host.principalOnPage(cookie).isPresent());
        }
    }

    @ContainerTest
    void signOutWhenTenKeysRefusedThen429WithRetryAfter(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String wrong = withOtherSecret(host.key);
            for (int i = 0; i < 10; i++) {
                assertEquals(403, call(host, SIGNOUT, wrong, USER_ID).status(), "attempt " + (i + 1));
            }

            Http.Response refused = call(host, DEACTIVATE, wrong, USER_ID);

            assertEquals(429, refused.status());
            assertEquals(List.of("Too many requests"), messages(refused));
            assertEquals("60", refused.header("Retry-After").orElseThrow());
        }
    }

    @ContainerTest
    void signOutWhenAuthenticatorSwitchedOffThen403(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.token();
            host.auth.updateSettings(new AuthenticatorSettings(false, CrmSystem.SALESFORCE, List.of()), "admin");

            assertForbidden(call(host, SIGNOUT, host.key, USER_ID));
            assertForbidden(call(host, DEACTIVATE, host.key, USER_ID));
            assertEquals("AUTHENTICATOR_DISABLED", lastEvent(host, AuditEventType.AUTHENTICATE_REFUSED).reason());
            assertEquals(true, listedUser(host, USER_ID).get("active"));
        }
    }

    // ---- deactivate/user, activate/user

    @ContainerTest
    void deactivateThenSessionEndsAuthenticateRefusedAndAdminSeesInactiveUntilActivated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);

            assertOk(call(host, DEACTIVATE, host.key, USER_ID));

            assertEquals(Optional.empty(), host.principalOnPage(cookie));
            assertForbidden(host.authenticate());
            Map<String, Object> listed = listedUser(host, USER_ID);
            assertEquals(false, listed.get("active"));
            assertEquals(true, listed.get("enabled"));
            assertEquals(host.keyId, lastEvent(host, AuditEventType.USER_DEACTIVATED).keyId());

            assertOk(call(host, ACTIVATE, host.key, USER_ID));

            assertEquals(200, host.authenticate().status());
            assertEquals(true, listedUser(host, USER_ID).get("active"));
            assertEquals(USER_ID, lastEvent(host, AuditEventType.USER_ACTIVATED).userId());
        }
    }

    @ContainerTest
    void activateWhenHostDisabledTheUserThenStillRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.token();
            assertEquals(200, host.admin("PUT", "users/" + host.partnerId + "/" + USER_ID, "{\"enabled\":false}").status());
            assertOk(call(host, DEACTIVATE, host.key, USER_ID));

            assertOk(call(host, ACTIVATE, host.key, USER_ID));

            assertForbidden(host.authenticate());
            Map<String, Object> listed = listedUser(host, USER_ID);
            assertEquals(false, listed.get("enabled"), "the host's disable holds");
            assertEquals(true, listed.get("active"));
        }
    }

    @ContainerTest
    void activateWhenAnotherPartnersKeyThen404AndUserStaysInactive(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.token();
            assertOk(call(host, DEACTIVATE, host.key, USER_ID));
            String otherKey = (String) json(host.admin("POST", "keys", "{\"name\":\"Other PRM\"}")).get("key");

            assertUserNotFound(call(host, ACTIVATE, otherKey, USER_ID));

            assertForbidden(host.authenticate());
        }
    }

    // ---- attacks: another partner, someone on the partner's network, a user of the partner

    @ContainerTest
    void signOutWhenJunkKeysFromThePartnersNetworkThenThePartnersOwnCallStillWorks(Containers containers) {
        // someone behind the partner's egress address, without its key id, tries to lock it out
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);
            for (int i = 0; i < 10; i++) {
                assertEquals(403, call(host, SIGNOUT, "pak_junk" + i, USER_ID).status());
            }
            assertEquals(429, call(host, SIGNOUT, "pak_junk", USER_ID).status());

            assertOk(call(host, SIGNOUT, host.key, USER_ID));

            assertEquals(Optional.empty(), host.principalOnPage(cookie));
        }
    }

    @ContainerTest
    void signOutWhenSentAsACrossSiteFormOrWithOriginNullThenRefusedAndNothingChanged(Containers containers) {
        // a page the partner's staff open cannot make their browser send the call
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);

            Http.Response form = Http.plain().send("POST", host.server.uri(SIGNOUT), body(host.key, USER_ID),
                    Map.of("Content-Type", "text/plain"));
            Http.Response sandboxed = host.post(DEACTIVATE, body(host.key, USER_ID), Map.of("Origin", "null"));

            assertEquals(400, form.status(), form.body());
            assertEquals(List.of("Invalid payload format. Supported format: JSON"), messages(form));
            assertEquals("BROWSER_ORIGIN_REFUSED", errors(sandboxed).get(0).get("code"));
            assertTrue(host.principalOnPage(cookie).isPresent());
            assertEquals(true, listedUser(host, USER_ID).get("active"));
        }
    }

    @ContainerTest
    void signOutWhenUserIdSentTwiceThen400AndNothingChanged(Containers containers) {
        // an attempt to make the key check and the change read different user ids
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);

            Http.Response response = host.post(SIGNOUT, "{\"authentication\":\"" + host.key + "\",\"user_id\":\"nobody\","
                    + "\"user_id\":\"" + USER_ID + "\"}", Map.of());

            assertEquals(400, response.status(), response.body());
            assertTrue(host.principalOnPage(cookie).isPresent());
        }
    }

    @ContainerTest
    void signOutWhenKeyDeletedThenForbiddenEvenForItsPartnersUser(Containers containers) {
        // a key the partner retired (a rep who kept a copy) can no longer touch its users
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String handOver = (String) json(host.admin("POST", "keys", "{\"name\":\"hand-over\",\"partner_id\":\""
                    + host.partnerId + "\"}")).get("key");
            String cookie = cookieOf(host, host.launchPath(handOver, USER_ID, "David"));
            assertEquals(204, host.admin("DELETE", "keys/" + host.keyId, null).status());

            assertForbidden(call(host, DEACTIVATE, host.key, USER_ID));

            assertTrue(host.principalOnPage(cookie).isPresent(), "the session through the partner's live key stands");
            assertEquals(true, listedUser(host, USER_ID).get("active"));
        }
    }

    @ContainerTest
    void signOutWhenUserKeptALaunchLinkAndATokenThenNeitherSignsItBackIn(Containers containers) {
        // a partner user who saved its launch URL and a token, hoping to outlive the sign-out
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String kept = launchUrlPath(host);
            String token = host.token();
            assertOk(call(host, DEACTIVATE, host.key, USER_ID));
            assertOk(call(host, ACTIVATE, host.key, USER_ID));

            Http.Response landed = host.land(kept, null);
            Http.Response launched = host.launch(CREATE_QUOTE, token, OPPORTUNITY);

            assertTrue(sessionCookie(landed).isEmpty() || host.principalOnPage(sessionCookie(landed).get()).isEmpty(),
                    landed.status() + " " + landed.body());
            assertEquals(403, launched.status());
            assertEquals("USER_SIGNED_OUT", lastEvent(host, AuditEventType.TOKEN_REFUSED).reason());
        }
    }

    // ---- the admin's sign-out

    @ContainerTest
    void adminSignOutThen204SessionAnonymousAndAuditedWithAdmin(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);

            Http.Response response = host.admin("POST", "users/" + host.partnerId + "/" + USER_ID + "/signout", null);

            assertEquals(204, response.status(), response.body());
            assertEquals(Optional.empty(), host.principalOnPage(cookie));
            AuditEvent e = lastEvent(host, AuditEventType.USER_SIGNED_OUT);
            assertEquals(PartnerAuthFixture.ADMIN_USER, e.actor());
            assertEquals(host.partnerId.value(), e.partnerId());
            assertEquals(USER_ID, e.userId());
            assertTrue(host.principalOnPage(signedInCookie(host)).isPresent(), "the user can sign in again");
        }
    }

    @ContainerTest
    void adminSignOutWhenUnknownUserOrPartnerThen404AndWrongMethodThen405(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.token();
            assertEquals(404, host.admin("POST", "users/" + host.partnerId + "/nobody/signout", null).status());
            assertEquals(404, host.admin("POST", "users/prt_nobodyHasThisOne0/" + USER_ID + "/signout", null).status());
            assertEquals(404, host.admin("POST", "users/" + host.partnerId + "/" + USER_ID + "/signoff", null).status());
            Http.Response get = host.admin("GET", "users/" + host.partnerId + "/" + USER_ID + "/signout", null);
            assertEquals(405, get.status());
            assertEquals("POST", get.header("Allow").orElseThrow());
        }
    }

    @ContainerTest
    void adminSignOutWhenNoAdminCredentialsThen401AndNothingChanged(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);

            Http.Response response = host.send("POST", PartnerAuthFixture.ADMIN + "/users/" + host.partnerId + "/" + USER_ID
                    + "/signout", null, Map.of());

            assertEquals(401, response.status());
            assertTrue(host.principalOnPage(cookie).isPresent());
        }
    }
}
