package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerApiRejectionHttpTest.assertUnauthenticated;
import static dev.partnerauth.servlet.PartnerAuthFixture.AUTHENTICATE;
import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_OPPORTUNITY;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.authenticateBody;
import static dev.partnerauth.servlet.PartnerAuthFixture.errors;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.messages;
import static dev.partnerauth.servlet.PartnerAuthFixture.pathAndQuery;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.CapturedLogs;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.servlet.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Hostile requests beyond the status table: each is answered with the right 4xx, never a 500, a
 * hang, or a secret or input echoed where it does not belong.
 */
class HostileInputHttpTest {
    private static final String INVALID_FORMAT = "Invalid payload format. Supported format: JSON";
    private static final String OPPORTUNITY = "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}";
    private static final String EMOJI = "\uD83D\uDE00";

    // ---- JSON that is not what it seems

    @ContainerTest
    void authenticateWhenTenThousandDeepNestingThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String body = "{\"authentication\":" + "[".repeat(10_000) + "]".repeat(2_000);

            assertInvalidFormat(host.post(AUTHENTICATE, body, Map.of()));
        }
    }

    @ContainerTest
    void authenticateWhenHugeNumbersWhereStringsBelongThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String base = authenticateBody(host.key, USER_ID);

            assertInvalidFormat(host.post(AUTHENTICATE, base.replace("\"David Solomon\"", "1e999999999"), Map.of()));
            assertInvalidFormat(host.post(AUTHENTICATE, base.replace("\"David Solomon\"", "9".repeat(10_000)), Map.of()));
        }
    }

    @ContainerTest
    void authenticateWhenModestNumberWhereStringBelongsThen400NamingField(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String body = authenticateBody(host.key, USER_ID).replace("\"David Solomon\"", "1e9");

            Http.Response response = host.post(AUTHENTICATE, body, Map.of());

            assertEquals(400, response.status());
            assertEquals("user_information.name", errors(response).get(0).get("field"));
        }
    }

    @ContainerTest
    void authenticateWhenDuplicateKeyThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String body = authenticateBody(host.key, USER_ID).replace("{\"authentication\"",
                    "{\"authentication\":\"pak_other\",\"authentication\"");

            assertInvalidFormat(host.post(AUTHENTICATE, body, Map.of()));
        }
    }

    @ContainerTest
    void authenticateWhenInvalidUtf8Then400(Containers containers) throws IOException {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(authenticateBody(host.key, USER_ID).replace("Acme Partner", "Acme").getBytes(UTF_8));
            byte[] bytes = body.toByteArray();
            int at = new String(bytes, UTF_8).indexOf("Acme") + 1;
            bytes[at] = (byte) 0xC3; // a lead byte followed by an ASCII letter
            RawHttp.Response response = rawPost(host, AUTHENTICATE, "application/json", bytes);

            assertEquals(400, response.status());
            assertTrue(response.bodyText().contains(INVALID_FORMAT), response.bodyText());
        }
    }

    @ContainerTest
    void partnerEndpointsWhenTopLevelValueNotObjectThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            for (String path : List.of(AUTHENTICATE, CREATE_QUOTE)) {
                for (String body : List.of("\"pak_x\"", "42", "null", "true")) {
                    assertInvalidFormat(host.post(path, body, Map.of("Authorization", "Bearer x")));
                }
            }
        }
    }

    @ContainerTest
    void authenticateWhenNullWhereStringBelongsThen400Missing(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String body = authenticateBody(host.key, USER_ID).replace("\"david.s@partner.example\",\"name\"",
                    "null,\"name\"");

            Http.Response response = host.post(AUTHENTICATE, body, Map.of());

            assertEquals(400, response.status());
            assertEquals(List.of("Request payload missing mandatory field(s): user_information.email"), messages(response));
        }
    }

    @ContainerTest
    void authenticateWhenUnknownFieldNameCutInsideSurrogatePairThen400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String body = authenticateBody(host.key, USER_ID).replace("{\"authentication\"",
                    "{\"" + "x".repeat(63) + EMOJI + "yz\":1,\"authentication\"");

            Http.Response response = host.post(AUTHENTICATE, body, Map.of());

            assertEquals(400, response.status(), response.body());
            assertEquals("Unrecognized parameter: " + "x".repeat(63) + EMOJI + "...", messages(response).get(0));
        }
    }

    // ---- ids bound for a URL

    @ContainerTest
    void launchWhenIdsHoldControlCharactersThen400AndTokenNotBurned(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            for (String id : List.of("006\\r\\nLocation: https://evil.example", "006\\u0000", "006\\u2028",
                    "006\\u0085", "006\\u007f")) {
                Http.Response response = host.launch(OPEN_QUOTE, token,
                        "{\"opportunity_id\":\"006\",\"quote_id\":\"" + id + "\"}");

                assertEquals(400, response.status(), id);
                assertEquals("quote_id", errors(response).get(0).get("field"), id);
                assertFalse(response.headers().map().toString().contains("evil"), id);
            }

            assertEquals(200, host.launch(CREATE_QUOTE, token, OPPORTUNITY).status());
        }
    }

    // ---- Authorization variants

    @ContainerTest
    void launchWhenSchemeLowercaseOrPaddedThenAccepted(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response lowercase = host.post(CREATE_QUOTE, OPPORTUNITY, Map.of("Authorization", "bearer " + host.token()));
            Http.Response padded = host.post(CREATE_QUOTE, OPPORTUNITY,
                    Map.of("Authorization", "Bearer    " + host.token() + "   "));

            assertEquals(200, lowercase.status(), lowercase.body());
            assertEquals(200, padded.status(), padded.body());
        }
    }

    @ContainerTest
    void launchWhenTwoAuthorizationHeadersThen403AndNeitherTokenBurned(Containers containers) throws IOException {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String first = host.token();
            String second = host.token();

            RawHttp.Response response = RawHttp.send(host.server.uri(CREATE_QUOTE), "POST " + CREATE_QUOTE
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer " + first
                    + "\r\nAuthorization: Bearer " + second + "\r\nContent-Length: " + OPPORTUNITY.length()
                    + "\r\nConnection: close\r\n\r\n", OPPORTUNITY.getBytes(UTF_8));

            assertEquals(403, response.status());
            assertEquals(PartnerApiRejectionHttpTest.UNAUTHENTICATED, response.bodyText());
            assertEquals(200, host.launch(CREATE_QUOTE, first, OPPORTUNITY).status());
            assertEquals(200, host.launch(CREATE_QUOTE, second, OPPORTUNITY).status());
        }
    }

    @ContainerTest
    void launchWhenTokenHasExtraSegmentOrBasicSchemeThen403(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();

            assertUnauthenticated(host.launch(CREATE_QUOTE, token + ".eyJ9", OPPORTUNITY));
            assertUnauthenticated(host.launch(CREATE_QUOTE, "." + token, OPPORTUNITY));
            assertUnauthenticated(host.post(CREATE_QUOTE, OPPORTUNITY, Map.of("Authorization", "Basic " + token)));
            assertUnauthenticated(host.post(CREATE_QUOTE, OPPORTUNITY, Map.of("Authorization", "Bearer")));
            assertUnauthenticated(host.launch(CREATE_QUOTE, token.replace(".", ". "), OPPORTUNITY));
            assertEquals(200, host.launch(CREATE_QUOTE, token, OPPORTUNITY).status());
        }
    }

    @ContainerTest
    void launchWhenTokenSignedWithAlgNoneOrHs512Then403(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String[] parts = host.token().split("\\.");
            String header = new String(java.util.Base64.getUrlDecoder().decode(parts[0]), UTF_8);
            java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
            String none = b64.encodeToString(header.replaceAll("\"alg\"\\s*:\\s*\"HS256\"", "\"alg\":\"none\"")
                    .getBytes(UTF_8));
            String hs512 = b64.encodeToString(header.replaceAll("\"alg\"\\s*:\\s*\"HS256\"", "\"alg\":\"HS512\"")
                    .getBytes(UTF_8));
            String kidInjected = b64.encodeToString(header.replaceAll("\"kid\"\\s*:\\s*\"[^\"]*\"",
                    "\"kid\":\"../../etc/passwd' OR '1'='1\"").getBytes(UTF_8));

            assertUnauthenticated(host.launch(CREATE_QUOTE, none + "." + parts[1] + ".", OPPORTUNITY));
            assertUnauthenticated(host.launch(CREATE_QUOTE, hs512 + "." + parts[1] + "." + parts[2], OPPORTUNITY));
            assertUnauthenticated(host.launch(CREATE_QUOTE, kidInjected + "." + parts[1] + "." + parts[2], OPPORTUNITY));
            assertEquals(200, host.launch(CREATE_QUOTE, String.join(".", parts), OPPORTUNITY).status());
        }
    }

    // ---- content types and methods

    @ContainerTest
    void authenticateWhenContentTypeMultipartOrUtf16Then400(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String body = authenticateBody(host.key, USER_ID);
            for (String type : List.of("multipart/form-data; boundary=x", "application/json; charset=utf-16",
                    "application/x-www-form-urlencoded", "application/jsonp", "text/json")) {
                Http.Response response = host.post(AUTHENTICATE, body, Map.of("Content-Type", type));

                assertEquals(400, response.status(), type);
                assertEquals(List.of(INVALID_FORMAT), messages(response), type);
            }
        }
    }

    @ContainerTest
    void partnerEndpointsWhenHeadThen405WithAllow(Containers containers) throws IOException {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            for (String path : List.of(AUTHENTICATE, CREATE_QUOTE, OPEN_QUOTE, OPEN_OPPORTUNITY)) {
                RawHttp.Response response = RawHttp.send(host.server.uri(path),
                        "HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

                assertEquals(405, response.status(), path);
                assertTrue(response.header("Allow").orElseThrow().startsWith("POST"), path);
            }
        }
    }

    @ContainerTest
    void partnerEndpointsWhenTraceThenNeitherEchoedNorFault(Containers containers) throws IOException {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            for (String path : List.of(AUTHENTICATE, CREATE_QUOTE, OPEN_QUOTE, OPEN_OPPORTUNITY)) {
                RawHttp.Response response = RawHttp.send(host.server.uri(path), "TRACE " + path
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer secret-token\r\nConnection: close\r\n\r\n");

                assertNotEquals(200, response.status(), path);
                assertTrue(response.status() < 500, path + " " + response.status());
                assertFalse(response.bodyText().contains("secret-token"), response.bodyText());
            }
        }
    }

    @ContainerTest
    void authenticateWhenOptionsThen405(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response response = Http.plain().options(host.server.uri(AUTHENTICATE),
                    Map.of("Origin", PartnerAuthFixture.PRM_ORIGIN));

            assertEquals(405, response.status());
            assertEquals("POST", response.header("Allow").orElseThrow());
            assertTrue(response.header("Access-Control-Allow-Origin").isEmpty());
        }
    }

    // ---- slow and vanishing clients

    @ContainerTest
    void authenticateWhenClientHalfClosesMidBodyThenAnsweredWithoutFault(Containers containers) throws IOException {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            byte[] body = authenticateBody(host.key, USER_ID).getBytes(UTF_8);
            int mark = CapturedLogs.mark();
            try (RawHttp.Connection connection = RawHttp.open(host.server.uri(AUTHENTICATE))) {
                connection.write("POST " + AUTHENTICATE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n");
                connection.write(java.util.Arrays.copyOf(body, body.length / 2));
                connection.shutdownOutput();

                RawHttp.Response response = readOrClosed(connection);
                assertTrue(response == null || (response.status() >= 400 && response.status() < 500),
                        String.valueOf(response));
            }

            assertEquals(200, host.authenticate().status(), "the server still serves");
            assertNoFaultLogged(mark);
        }
    }

    @ContainerTest
    void launchWhenClientVanishesMidBodyThenTokenNotBurnedAndNoFault(Containers containers) throws IOException {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            int mark = CapturedLogs.mark();
            try (RawHttp.Connection connection = RawHttp.open(host.server.uri(CREATE_QUOTE))) {
                connection.write("POST " + CREATE_QUOTE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                        + "\r\nAuthorization: Bearer " + token + "\r\nContent-Length: " + OPPORTUNITY.length()
                        + "\r\n\r\n" + OPPORTUNITY.substring(0, 10));
            }

            assertEquals(200, host.launch(CREATE_QUOTE, token, OPPORTUNITY).status());
            assertNoFaultLogged(mark);
        }
    }

    // ---- admin

    @ContainerTest
    void adminWhenBasicCredentialsMalformedThen401WithChallenge(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            for (String value : List.of("Basic !!!", "Basic", "Bearer abc", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString("admin".getBytes(UTF_8)), "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(("admin:" + PartnerAuthFixture.ADMIN_PASSWORD + "x").getBytes(UTF_8)))) {
                Http.Response response = host.send("GET", PartnerAuthFixture.ADMIN + "/keys", null,
                        Map.of("Authorization", value));

                assertEquals(401, response.status(), value);
                assertTrue(response.header("WWW-Authenticate").orElseThrow().startsWith("Basic realm="), value);
            }
        }
    }

    @ContainerTest
    void adminWhenAllowedIpOrOriginCutInsideSurrogatePairThen400NamingIt(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response ip = host.admin("POST", "keys",
                    "{\"name\":\"n\",\"allowed_ips\":[\"" + "1".repeat(59) + EMOJI + "\"]}");
            Http.Response origin = host.admin("PUT", "settings",
                    "{\"allowed_origins\":[\"https://" + "a".repeat(71) + EMOJI + ".example\"]}");

            assertEquals(400, ip.status(), ip.body());
            assertTrue(messages(ip).get(0).contains("1".repeat(59) + EMOJI + "'"), ip.body());
            assertEquals(400, origin.status(), origin.body());
            assertTrue(messages(origin).get(0).contains("a".repeat(71) + EMOJI + "..."), origin.body());
        }
    }

    // ---- the landing redirect

    @ContainerTest
    void landingWhenPathStartsWithDoubleSlashThenRedirectStaysOnSite(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String url = (String) json(host.launch(CREATE_QUOTE, host.token(), OPPORTUNITY)).get("url");
            String code = url.substring(url.indexOf("launch="));

            Http.Response landed = Http.plain().navigate(host.server.uri("//evil.example/cpq/x?" + code));

            assertTrue(landed.status() == 303 || landed.status() >= 400 && landed.status() < 500,
                    String.valueOf(landed.status()));
            landed.header("Location").ifPresent(location ->
                    assertTrue(location.startsWith("/") && !location.startsWith("//"), location));
        }
    }

    @ContainerTest
    void landingWhenLaunchCodePostedThenNotRedeemed(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String url = (String) json(host.launch(CREATE_QUOTE, host.token(), OPPORTUNITY)).get("url");

            host.send("POST", pathAndQuery(url), "{}", Map.of());
            Http.Response landed = Http.plain().navigate(host.server.uri(pathAndQuery(url)));

            assertEquals(303, landed.status(), "a POST does not spend the code");
        }
    }

    // ---- helpers

    private static void assertInvalidFormat(Http.Response response) {
        assertEquals(400, response.status(), response.body());
        assertEquals(List.of(INVALID_FORMAT), messages(response));
    }

    private static RawHttp.Response rawPost(PartnerAuthFixture host, String path, String type, byte[] body)
            throws IOException {
        return RawHttp.send(host.server.uri(path), "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + type + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n", body);
    }

    /** The answer to a truncated request, or {@code null} when the server just closed the connection. */
    private static RawHttp.Response readOrClosed(RawHttp.Connection connection) throws IOException {
        try {
            return connection.readResponse();
        } catch (java.io.EOFException | java.net.SocketException e) {
            return null;
        }
    }

    private static void assertNoFaultLogged(int mark) {
        List<String> lines = CapturedLogs.since(mark);
        assertTrue(lines.stream().noneMatch(l -> l.contains("partner-auth fault") || l.contains(" 500 ")), lines::toString);
    }
}
