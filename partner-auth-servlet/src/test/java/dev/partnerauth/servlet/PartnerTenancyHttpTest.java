package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.AUTHENTICATE;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_OPPORTUNITY;
import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.errors;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.servlet.testing.RawHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Partners are tenants, over HTTP: keys of partners, key roll, partner users, the launch authorizer. */
class PartnerTenancyHttpTest {
    private static String user(String userId, String email) {
        return "{\"type\":\"partner\",\"user_id\":\"" + userId + "\",\"login\":\"" + email + "\",\"email\":\"" + email
                + "\",\"name\":\"Name\"}";
    }

    private static Http.Response authenticate(PartnerAuthFixture host, String key, String userId, String email) {
        return host.post(AUTHENTICATE, "{\"authentication\":\"" + key + "\",\"user_information\":" + user(userId, email) + "}",
                Map.of());
    }

    private static Map<String, Object> newKey(PartnerAuthFixture host, String body) {
        Http.Response response = host.admin("POST", "keys", body);
        assertEquals(201, response.status(), response.body());
        return json(response);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> users(PartnerAuthFixture host, String query) {
        Http.Response response = host.admin("GET", "users" + query, null);
        assertEquals(200, response.status(), response.body());
        return (List<Map<String, Object>>) json(response).get("users");
    }

    private static void assertInvalid(Http.Response response, String field) {
        assertEquals(400, response.status(), response.body());
        assertEquals(field, errors(response).get(0).get("field"), response.body());
    }

    // ---- keys of partners

    @ContainerTest
    void postKeysWithoutPartnerThenNewPartnerAndWithPartnerThenSamePartner(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Map<String, Object> fresh = newKey(host, "{\"name\":\"Partner B\"}");
            Map<String, Object> second = newKey(host, "{\"name\":\"Acme hand-over\",\"partner_id\":\"" + host.partnerId + "\"}");

            assertNotEquals(host.partnerId.value(), fresh.get("partner_id"));
            assertEquals(host.partnerId.value(), second.get("partner_id"));
            assertEquals(host.partnerId.value(), json(host.admin("GET", "keys/" + second.get("id"), null)).get("partner_id"));
            // the hand-over key signs in the same user as the fixture's key
            assertEquals(200, authenticate(host, host.key, "u-1", "a@a.example").status());
            assertEquals(200, authenticate(host, (String) second.get("key"), "u-1", "a@a.example").status());
            assertEquals(1, users(host, "?partner_id=" + host.partnerId).size());
        }
    }

    @ContainerTest
    void postKeysWhenPartnerUnknownOrMalformedThen400NamingTheField(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertInvalid(host.admin("POST", "keys", "{\"name\":\"x\",\"partner_id\":\"prt_nobodyHasThisOne0\"}"), "partner_id");
            assertInvalid(host.admin("POST", "keys", "{\"name\":\"x\",\"partner_id\":\"../" + host.partnerId + "\"}"), "partner_id");
            assertInvalid(host.admin("POST", "keys", "{\"name\":\"x\",\"partner_id\":42}"), "partner_id");
            assertEquals(1, ((List<?>) json(host.admin("GET", "keys", null)).get("keys")).size(), "no key was made");
        }
    }

    @ContainerTest
    void adminChangesWhenMadeThenAuditShowsTheAdminAndThePartner(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.admin("PUT", "settings", "{\"allowed_origins\":[]}");
            host.admin("POST", "keys/" + host.keyId + "/roll", "{}");
            host.admin("DELETE", "keys/" + host.keyId, null);

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> events = (List<Map<String, Object>>) json(host.admin("GET", "audit?limit=10", null)).get("events");
            List<String> types = events.stream().map(e -> (String) e.get("type")).toList();
            assertEquals(List.of("KEY_DELETED", "KEY_ROLLED", "KEY_CREATED", "SETTINGS_CHANGED"), types.subList(0, 4));
            for (Map<String, Object> event : events.subList(0, 4)) {
                assertEquals(PartnerAuthFixture.ADMIN_USER, event.get("actor"), event.toString());
            }
            for (Map<String, Object> event : events.subList(0, 3)) {
                assertEquals(host.partnerId.value(), event.get("partner_id"), event.toString());
            }
        }
    }

    // ---- key roll

    @ContainerTest
    void rollThen201NewKeyOfSamePartnerNameAndIpsAndOldKeyEndsIn24Hours(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.admin("PUT", "keys/" + host.keyId, "{\"allowed_ips\":[\"127.0.0.1\",\"::1\"]}");
            assertEquals(200, authenticate(host, host.key, "u-1", "a@a.example").status());

            Http.Response response = host.admin("POST", "keys/" + host.keyId + "/roll", "{}");

            assertEquals(201, response.status(), response.body());
            Map<String, Object> rolled = json(response);
            assertEquals(host.partnerId.value(), rolled.get("partner_id"));
            assertEquals("Acme PRM", rolled.get("name"));
            assertEquals(List.of("127.0.0.1", "::1"), rolled.get("allowed_ips"));
            assertNotEquals(host.keyId, rolled.get("id"));
            assertEquals(host.clock.instant().plus(Duration.ofHours(24)).toString(),
                    json(host.admin("GET", "keys/" + host.keyId, null)).get("expires_at"));
            // users stay the same users across the roll
            assertEquals(200, authenticate(host, (String) rolled.get("key"), "u-1", "a@a.example").status());
            assertEquals(List.of("u-1"), users(host, "?partner_id=" + host.partnerId).stream().map(u -> u.get("user_id")).toList());
            assertEquals(200, authenticate(host, host.key, "u-1", "a@a.example").status(), "old key works in the grace");
            host.clock.advance(Duration.ofHours(24));
            assertEquals(403, authenticate(host, host.key, "u-1", "a@a.example").status());
            assertEquals(200, authenticate(host, (String) rolled.get("key"), "u-1", "a@a.example").status());
        }
    }

    @ContainerTest
    void rollWhenGraceZeroThenOldKeyAndItsTokensEndAtOnce(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();

            assertEquals(201, host.admin("POST", "keys/" + host.keyId + "/roll", "{\"grace_seconds\":0}").status());

            assertEquals(403, host.authenticate().status());
            Http.Response launch = host.launch(OPEN_OPPORTUNITY, token, "{\"opportunity_id\":\"006A\"}");
            assertEquals(403, launch.status());
            assertEquals("UNAUTHENTICATED", errors(launch).get(0).get("code"));
        }
    }

    @ContainerTest
    void rollWhenGraceOutOfBoundsOrNotAWholeNumberThen400NamingItAndNothingRolled(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            for (String grace : List.of("-1", "2592001", "1.5", "\"60\"", "null", "true", "1e100")) {
                assertInvalid(host.admin("POST", "keys/" + host.keyId + "/roll", "{\"grace_seconds\":" + grace + "}"),
                        "grace_seconds");
            }
            assertInvalid(host.admin("POST", "keys/" + host.keyId + "/roll", "{\"grace\":60}"), "grace");
            assertEquals(201, host.admin("POST", "keys/" + host.keyId + "/roll", "{\"grace_seconds\":2592000}").status());
            assertEquals(2, ((List<?>) json(host.admin("GET", "keys", null)).get("keys")).size());
        }
    }

    @ContainerTest
    void rollWhenUnknownKeyThen404AndWrongMethodThen405AndNoJsonThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertEquals(404, host.admin("POST", "keys/AAAAAAAAAAAA/roll", "{}").status());
            assertEquals(404, host.admin("POST", "keys/not-a-key/roll", "{}").status());
            Http.Response get = host.admin("GET", "keys/" + host.keyId + "/roll", null);
            assertEquals(405, get.status());
            assertEquals("POST", get.header("Allow").orElseThrow());
            // a cross-site form can post no JSON: without it, nothing is rolled
            assertEquals(400, host.admin("POST", "keys/" + host.keyId + "/roll", null).status());
            assertEquals(1, ((List<?>) json(host.admin("GET", "keys", null)).get("keys")).size());
        }
    }

    // ---- partner users

    @ContainerTest
    void getUsersWhenTwoPartnersSendSameUserIdThenTwoUsersEachWithItsOwnDetails(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Map<String, Object> b = newKey(host, "{\"name\":\"Partner B\"}");
            assertEquals(200, authenticate(host, host.key, "u-100", "ann@a.example").status());
            assertEquals(200, authenticate(host, (String) b.get("key"), "u-100", "bob@b.example").status());

            List<Map<String, Object>> all = users(host, "");
            assertEquals(2, all.size());
            Map<String, Object> ofA = users(host, "?partner_id=" + host.partnerId).get(0);
            Map<String, Object> ofB = users(host, "?partner_id=" + b.get("partner_id") + "&limit=1").get(0);
            assertEquals("ann@a.example", ofA.get("email"));
            assertEquals("bob@b.example", ofB.get("email"));
            assertEquals(List.of("partner_id", "user_id", "login", "email", "name", "enabled", "active", "last_sign_in_at"),
                    List.copyOf(ofA.keySet()));
            assertEquals(host.clock.instant().toString(), ofA.get("last_sign_in_at"));
            assertEquals(true, ofA.get("enabled"));
        }
    }

    @ContainerTest
    void getUsersWhenPartnerIdOrLimitInvalidThen400NamingIt(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertInvalid(host.admin("GET", "users?partner_id=prt_x", null), "partner_id");
            assertInvalid(host.admin("GET", "users?partner_id=%27%20OR%201%3D1--", null), "partner_id");
            assertInvalid(host.admin("GET", "users?limit=0", null), "limit");
            assertInvalid(host.admin("GET", "users?limit=1001", null), "limit");
            assertEquals(List.of(), users(host, "?partner_id=prt_nobodyHasThisOne0"));
            assertEquals(405, host.admin("POST", "users", "{}").status());
        }
    }

    @ContainerTest
    void putUserWhenDisabledThenAuthenticate403AndOtherPartnersSameUserIdUnaffected(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Map<String, Object> b = newKey(host, "{\"name\":\"Partner B\"}");
            host.token();
            assertEquals(200, authenticate(host, (String) b.get("key"), USER_ID, "bob@b.example").status());

            Http.Response off = host.admin("PUT", "users/" + host.partnerId + "/" + USER_ID, "{\"enabled\":false}");

            assertEquals(200, off.status(), off.body());
            assertEquals(false, json(off).get("enabled"));
            assertEquals(host.partnerId.value(), json(off).get("partner_id"));
            Http.Response refused = host.authenticate();
            assertEquals(403, refused.status());
            assertEquals("FORBIDDEN", errors(refused).get(0).get("code"));
            assertEquals(200, authenticate(host, (String) b.get("key"), USER_ID, "bob@b.example").status());

            assertEquals(200, host.admin("PUT", "users/" + host.partnerId + "/" + USER_ID, "{\"enabled\":true}").status());
            assertEquals(200, host.authenticate().status());
        }
    }

    @ContainerTest
    void putUserWhenDisabledThenAuditedWithAdminAndPartner(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.token();
            host.admin("PUT", "users/" + host.partnerId + "/" + USER_ID, "{\"enabled\":false}");
            host.authenticate();

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> events = (List<Map<String, Object>>) json(host.admin("GET", "audit?limit=2", null)).get("events");
            Map<String, Object> refusal = events.get(0);
            Map<String, Object> disabled = events.get(1);
            assertEquals("AUTHENTICATE_REFUSED", refusal.get("type"));
            assertEquals("USER_DISABLED", refusal.get("reason"));
            assertEquals(host.partnerId.value(), refusal.get("partner_id"));
            assertEquals("USER_DISABLED", disabled.get("type"));
            assertEquals(PartnerAuthFixture.ADMIN_USER, disabled.get("actor"));
            assertEquals(host.partnerId.value(), disabled.get("partner_id"));
            assertEquals(USER_ID, disabled.get("user_id"));
        }
    }

    @ContainerTest
    void putUserWhenUserIdPercentEncodedThenDecodedOnce(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertEquals(200, authenticate(host, host.key, "ü 100+x", "a@a.example").status());
            assertEquals(200, authenticate(host, host.key, "A", "b@a.example").status());

            assertEquals(200, host.admin("PUT", "users/" + host.partnerId + "/%C3%BC%20100+x", "{\"enabled\":false}").status());
            assertEquals(403, authenticate(host, host.key, "ü 100+x", "a@a.example").status());
            // "%41" is user "A" decoded once, the only way: a user_id with a literal '%' or '/' in it
            // is refused by Jetty 12's URI compliance before it reaches the filter (documented)
            assertEquals(200, host.admin("PUT", "users/" + host.partnerId + "/%41", "{\"enabled\":false}").status());
            assertEquals(403, authenticate(host, host.key, "A", "b@a.example").status());
        }
    }

    @ContainerTest
    void putUserWhenUnknownOrOfAnotherPartnerOrGarbledThen404(Containers containers) throws java.io.IOException {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Map<String, Object> b = newKey(host, "{\"name\":\"Partner B\"}");
            host.token();
            String body = "{\"enabled\":false}";

            assertEquals(404, host.admin("PUT", "users/" + host.partnerId + "/nobody", body).status());
            assertEquals(404, host.admin("PUT", "users/" + b.get("partner_id") + "/" + USER_ID, body).status(),
                    "B has no user of that id: A's is not B's to disable");
            for (String garbled : List.of("users/" + host.partnerId, "users/" + host.partnerId + "/" + USER_ID + "/x",
                    "users/" + host.partnerId + "/", "users/prt_x/" + USER_ID)) {
                assertEquals(404, host.admin("PUT", garbled, body).status(), garbled);
            }
            // garbled or ambiguous encodings, sent raw: Jetty or Tomcat refuses some itself (400), the filter the rest (404)
            for (String raw : List.of("/%zz", "/%", "/%C3", "/%C3%28", "/..%2F..%2Fkeys", "/../../keys", "/%2e%2e", "/%0Aevil", "//x")) {
                String path = PartnerAuthFixture.ADMIN + "/users/" + host.partnerId + raw;
                RawHttp.Response response = RawHttp.send(host.server.uri("/"), "PUT " + path + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n"
                        + "Authorization: " + PartnerAuthFixture.adminCredentials().get("Authorization") + "\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertTrue(response.status() == 400 || response.status() == 404, raw + " " + response.status());
            }
            assertEquals(200, host.authenticate().status(), "nothing was disabled");
        }
    }

    @ContainerTest
    void putUserWhenEnabledMissingOrNotBooleanOrExtraFieldThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.token();
            String path = "users/" + host.partnerId + "/" + USER_ID;
            Http.Response missing = host.admin("PUT", path, "{}");
            assertEquals(400, missing.status());
            assertEquals("Request payload missing mandatory field(s): enabled", errors(missing).get(0).get("message"));
            assertInvalid(host.admin("PUT", path, "{\"enabled\":null}"), "enabled");
            assertInvalid(host.admin("PUT", path, "{\"enabled\":\"false\"}"), "enabled");
            assertInvalid(host.admin("PUT", path, "{\"enabled\":false,\"partner_id\":\"prt_other000000000000\"}"), "partner_id");
            assertEquals(405, host.admin("GET", path, null).status());
            assertEquals(200, host.authenticate().status(), "nothing was disabled");
        }
    }

    // ---- attacks from another partner

    @ContainerTest
    void authenticateWhenPartnerBNamesPartnerAInTheBodyThen400AndNoUserMade(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Map<String, Object> b = newKey(host, "{\"name\":\"Partner B\"}");
            String body = "{\"authentication\":\"" + b.get("key") + "\",\"partner_id\":\"" + host.partnerId
                    + "\",\"user_information\":" + user("u-1", "evil@b.example") + "}";

            Http.Response response = host.post(AUTHENTICATE, body, Map.of());

            assertEquals(400, response.status());
            assertEquals("Unrecognized parameter: partner_id", errors(response).get(0).get("message"));
            assertEquals(List.of(), users(host, ""));
        }
    }

    @ContainerTest
    void launchWhenPartnerBSignsInAsUserIdThenBsSessionIsNotAsUser(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Map<String, Object> b = newKey(host, "{\"name\":\"Partner B\"}");
            String tokenOfB = (String) json(authenticate(host, (String) b.get("key"), USER_ID, "evil@b.example")).get("access_token");

            Http.Response launch = host.launch(OPEN_OPPORTUNITY, tokenOfB, "{\"opportunity_id\":\"006A\"}");
            Http.Response landed = Http.plain().navigate(host.server.uri(PartnerAuthFixture.pathAndQuery((String) json(launch).get("url"))));

            assertEquals(303, landed.status());
            PartnerAuthFixture.Page page = host.pages.isEmpty() ? null : host.pages.peek();
            assertTrue(page == null || page.remoteUser() == null || !page.remoteUser().contains(host.partnerId.value()));
            assertEquals(1, users(host, "?partner_id=" + b.get("partner_id")).size());
            assertEquals(List.of(), users(host, "?partner_id=" + host.partnerId), "A has no user: B's sign-in made none");
        }
    }

    // ---- the principal a host sees

    @ContainerTest
    void pageWhenPartnerSignedInOverAContainerUserThenOnlyThePartnerRoleAndAPartnerName(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().registration((ctx, filters) -> {
            // as if the container had signed in an employee with role "manager" on this request
            ctx.addFilter("container-login", (jakarta.servlet.Filter) (req, res, chain) -> chain.doFilter(
                    new jakarta.servlet.http.HttpServletRequestWrapper((jakarta.servlet.http.HttpServletRequest) req) {
                        @Override
                        public boolean isUserInRole(String role) {
                            return "manager".equals(role);
                        }

                        @Override
                        public String getRemoteUser() {
                            return "admin";
                        }
                    }, res)).addMappingForUrlPatterns(null, false, "/*");
            filters.register(ctx);
            ctx.addServlet("probe", new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res)
                        throws java.io.IOException {
                    res.getWriter().write(req.getRemoteUser() + " manager=" + req.isUserInRole("manager")
                            + " partner=" + req.isUserInRole("partner"));
                }
            }).addMapping("/probe");
        }).start(containers)) {
            assertEquals("admin manager=true partner=false", Http.plain().get(host.server.uri("/probe")).body(),
                    "without a partner session the container's user stands");
            Map<String, Object> launched = json(host.launch(OPEN_OPPORTUNITY, host.token(), "{\"opportunity_id\":\"006A\"}"));
            Http.Response landed = Http.plain().navigate(host.server.uri(PartnerAuthFixture.pathAndQuery((String) launched.get("url"))));
            String session = PartnerAuthFixture.sessionCookie(landed).orElseThrow();

            Http.Response probe = Http.plain().get(host.server.uri("/probe"), Map.of("Cookie", session));

            assertEquals("partner:" + host.partnerId + ":" + USER_ID + " manager=false partner=true", probe.body());
        }
    }

    // ---- the host's launch authorizer

    @ContainerTest
    void launchWhenAuthorizerRefusesThen403ForbiddenAndTokenStillGood(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options()
                .auth(a -> a.launchAuthorizer((partner, user, request) -> request.opportunityId().equals("006-NOT-YOURS")
                        ? new LaunchAuthorizer.Refused("owned by another partner in the CRM")
                        : new LaunchAuthorizer.Allowed()))
                .start(containers)) {
            String token = host.token();

            Http.Response refused = host.launch(OPEN_OPPORTUNITY, token, "{\"opportunity_id\":\"006-NOT-YOURS\"}");

            assertEquals(403, refused.status());
            assertEquals("{\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\"Forbidden\"}]}", refused.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> event = ((List<Map<String, Object>>) json(host.admin("GET", "audit?limit=1", null))
                    .get("events")).get(0);
            assertEquals("OPPORTUNITY_REFUSED", event.get("type"));
            assertEquals("owned by another partner in the CRM", event.get("reason"));
            assertEquals(host.partnerId.value(), event.get("partner_id"));
            Http.Response allowed = host.launch(OPEN_OPPORTUNITY, token, "{\"opportunity_id\":\"006-MINE\"}");
            assertEquals(200, allowed.status(), "the refused call did not spend the token");
            assertFalse(host.launch(OPEN_OPPORTUNITY, token, "{\"opportunity_id\":\"006-MINE\"}").status() == 200);
        }
    }
}
