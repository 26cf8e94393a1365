package dev.partnerauth.demo.prm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.demo.RunningServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrmSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @TempDir
    Path dataDir;

    private final FakeCpq cpq = new FakeCpq();
    private RunningServer cpqServer;
    private RunningServer simulator;

    @BeforeEach
    void start() throws Exception {
        cpqServer = RunningServer.start(cpq.handler());
        simulator = RunningServer.start(new PrmSimulator(cpqServer.uri(), dataDir).handler());
    }

    @AfterEach
    void stop() throws Exception {
        simulator.close();
        cpqServer.close();
    }

    @Test
    void saveKeyWhenSentFromOwnPageThenStoredServerSideOwnerOnly() throws Exception {
        HttpResponse<String> response = postForm("/settings", simulator.uri().toString(), Map.of("key", FakeCpq.KEY));

        assertEquals(303, response.statusCode());
        assertEquals("/settings?saved=1", response.headers().firstValue("Location").orElseThrow());
        Path file = dataDir.resolve("prm-simulator-key");
        assertEquals(FakeCpq.KEY, Files.readString(file));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void settingsPageWhenKeySavedThenShowsOnlyItsLastFourCharacters() throws Exception {
        postForm("/settings", simulator.uri().toString(), Map.of("key", FakeCpq.KEY));

        HttpResponse<String> page = get("/settings?saved=1");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("A key is saved, ending in …x9Q2."), page.body());
        assertFalse(page.body().contains(FakeCpq.KEY.substring(0, FakeCpq.KEY.length() - 4)));
        assertTrue(page.body().contains("type=\"password\""));
    }

    @Test
    void settingsPageWhenNoKeySavedThenSaysSo() throws Exception {
        HttpResponse<String> page = get("/settings");

        assertTrue(page.body().contains("No key is saved yet."), page.body());
    }

    @Test
    void saveKeyWhenOriginIsAnotherSiteThenRefusedAndNothingStored() throws Exception {
        HttpResponse<String> response = postForm("/settings", "https://evil.example", Map.of("key", "attacker-key-123"));

        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("Refused"));
        assertFalse(Files.exists(dataDir.resolve("prm-simulator-key")));
    }

    @Test
    void saveKeyWhenOriginMissingThenRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(simulator.resolve("/settings"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=abcdefghijklmnopqrstuvwxyz"))
                .build();

        assertEquals(403, HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertFalse(Files.exists(dataDir.resolve("prm-simulator-key")));
    }

    @Test
    void saveKeyWhenBlankThenPageExplainsNextToTheField() throws Exception {
        HttpResponse<String> response = postForm("/settings", simulator.uri().toString(), Map.of("key", "  "));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("id=\"key-error\""));
        assertTrue(response.body().contains("Paste the key before saving."));
        assertFalse(Files.exists(dataDir.resolve("prm-simulator-key")));
    }

    @Test
    void keyWhenSimulatorRestartsThenStillSaved() throws Exception {
        postForm("/settings", simulator.uri().toString(), Map.of("key", FakeCpq.KEY));
        simulator.close();
        simulator = RunningServer.start(new PrmSimulator(cpqServer.uri(), dataDir).handler());

        HttpResponse<String> token = postToken(user());

        assertEquals(200, token.statusCode(), token.body());
    }

    @Test
    void tokenWhenKeySavedThenReturnsCpqTokenAndNeverTheKey() throws Exception {
        saveKey();

        HttpResponse<String> response = postToken(user());

        assertEquals(200, response.statusCode(), response.body());
        Map<?, ?> body = (Map<?, ?>) FakeCpq.parse(response.body());
        assertEquals(FakeCpq.TOKEN, body.get("access_token"));
        assertFalse(response.body().contains(FakeCpq.KEY));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void tokenWhenCalledThenCpqGetsPartnerUserServerToServerWithoutOrigin() throws Exception {
        saveKey();

        postToken(user());

        assertNull(cpq.lastOrigin());
        assertEquals(FakeCpq.KEY, cpq.lastBody().get("authentication"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "partner");
        expected.putAll(user());
        assertEquals(expected, cpq.lastBody().get("user_information"));
    }

    @Test
    void tokenWhenFieldLeftBlankThenNotSentSoCpqCanNameItMissing() throws Exception {
        saveKey();
        Map<String, String> user = user();
        user.put("email", " ");

        postToken(user);

        assertFalse(((Map<?, ?>) cpq.lastBody().get("user_information")).containsKey("email"));
    }

    @Test
    void tokenWhenNoKeySavedThenExplainsWhereToPasteIt() throws Exception {
        HttpResponse<String> response = postToken(user());

        assertEquals(409, response.statusCode());
        assertEquals("No partner authentication key is saved in the PRM simulator. Open Settings and paste"
                + " the key from the CPQ's API Settings page.", message(response));
        assertEquals(0, cpq.calls());
    }

    @Test
    void tokenWhenCpqRefusesKeyThenForbiddenPassedOnAsClearMessage() throws Exception {
        saveKey("pa_live_wrong_key_0123456789abcdef");

        HttpResponse<String> response = postToken(user());

        assertEquals(502, response.statusCode());
        Map<?, ?> body = (Map<?, ?>) FakeCpq.parse(response.body());
        assertTrue(message(response).startsWith("The CPQ refused the authentication key: Forbidden."), response.body());
        assertEquals(403, ((Number) body.get("cpq_status")).intValue());
        assertFalse(response.body().contains("pa_live_wrong_key"));
    }

    @Test
    void tokenWhenCpqThrottlesThenMessageSaysWhenToRetry() throws Exception {
        saveKey();
        cpq.answerNext(429, "{\"errors\":[{\"code\":\"TOO_MANY_REQUESTS\",\"message\":\"Too many requests\"}]}", "42");

        HttpResponse<String> response = postToken(user());

        assertEquals("The CPQ is throttling this simulator after too many refused keys: Too many requests."
                + " Try again in 42 seconds.", message(response));
    }

    @Test
    void tokenWhenCpqRejectsUserDetailsThenItsMessagesArePassedOn() throws Exception {
        saveKey();
        cpq.answerNext(400, "{\"errors\":[{\"code\":\"MISSING_FIELDS\",\"message\":\"Request payload missing"
                + " mandatory field(s): user_information.email\"}]}", null);

        HttpResponse<String> response = postToken(user());

        assertEquals("The CPQ rejected the user details: Request payload missing mandatory field(s):"
                + " user_information.email.", message(response));
    }

    @Test
    void tokenWhenCpqEchoesTheKeyThenItIsBlankedOut() throws Exception {
        saveKey();
        cpq.answerNext(400, "{\"errors\":[{\"code\":\"BAD\",\"message\":\"authentication - Invalid parameter value: "
                + FakeCpq.KEY + "\",\"field\":\"authentication\"}]}", null);

        HttpResponse<String> response = postToken(user());

        assertFalse(response.body().contains(FakeCpq.KEY), response.body());
        assertTrue(response.body().contains("[key]"));
    }

    @Test
    void tokenWhenCpqUnreachableThenSaysSo() throws Exception {
        saveKey();
        URI gone = cpqServer.uri();
        cpqServer.close();

        HttpResponse<String> response = postToken(user());

        assertEquals(502, response.statusCode());
        assertTrue(message(response).startsWith("Could not reach the CPQ at " + gone + "/api/v1/authenticate/user"),
                response.body());
    }

    @Test
    void tokenWhenOriginIsAnotherSiteThenRefusedWithoutCallingCpq() throws Exception {
        saveKey();

        HttpResponse<String> response = postForm("/prm/api/token", "https://evil.example", user());

        assertEquals(403, response.statusCode());
        assertEquals(0, cpq.calls());
        assertFalse(response.body().contains("access_token"));
    }

    @Test
    void htmlPagesCarrySecurityHeadersWithCpqAllowedForConnect() throws Exception {
        String policy = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' "
                + cpqServer.uri() + "; frame-src " + cpqServer.uri() + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        for (String path : new String[] {"/", "/settings", "/no-such-page"}) {
            HttpResponse<String> response = get(path);

            assertEquals(policy, response.headers().firstValue("Content-Security-Policy").orElse(null), path);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("same-origin", response.headers().firstValue("Referrer-Policy").orElse(null), path);
        }
    }

    @Test
    void portalPageHandsCpqBaseUrlToScriptThroughDataAttributeWithoutInlineScript() throws Exception {
        HttpResponse<String> page = get("/");

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String html = page.body();
        assertTrue(html.contains("data-cpq-base-url=\"" + cpqServer.uri() + "\""), html);
        assertTrue(html.contains("<script src=\"/static/prm.js\" defer></script>"));
        assertFalse(html.matches("(?s).*<script(?![^>]*\\ssrc=).*"), "inline script");
        assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), "inline event handler");
        assertFalse(html.matches("(?s).*\\sstyle=.*"), "inline style");
        for (String id : new String[] {"create-quote", "open-quote", "open-opportunity", "reuse-token", "status",
                "user_id", "login", "email", "name", "company", "opportunity_id", "quote_id"}) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
    }

    @Test
    void portalPageLabelsEveryInput() throws Exception {
        String html = get("/").body();

        for (String id : new String[] {"user_id", "login", "email", "name", "company", "opportunity_id", "quote_id"}) {
            assertTrue(html.contains("<label for=\"" + id + "\">"), id);
        }
    }

    @Test
    void staticStyleAndScriptServedWithTheirContentTypes() throws Exception {
        HttpResponse<String> css = get("/static/style.css");
        HttpResponse<String> js = get("/static/prm.js");

        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertEquals("nosniff", js.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void staticWhenFileBelongsToCpqThenNotServed() throws Exception {
        assertEquals(404, get("/static/admin.js").statusCode());
    }

    @Test
    void requestWhenAddressedToAnotherHostThenMisdirected() throws Exception {
        // A rebound DNS name reaches this server with its own name in Host; HttpClient cannot set Host.
        try (Socket socket = new Socket("127.0.0.1", simulator.uri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: rebound.evil.example:" + simulator.uri().getPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(answer.startsWith("HTTP/1.1 421"), answer);
        }
    }

    @Test
    void constructWhenCpqBaseUrlIsNotHttpThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PrmSimulator(URI.create("javascript:alert(1)"), dataDir));
    }

    // ---- the partner's calls on its user

    @Test
    void userCallWhenKeySavedThenCpqGetsTheCallServerToServerAndPageGetsDone() throws Exception {
        saveKey();
        for (String call : List.of("signout", "deactivate", "activate")) {
            HttpResponse<String> response = postForm("/prm/api/user/" + call, simulator.uri().toString(),
                    Map.of("user_id", "prm-7"));

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("/api/v1/" + call + "/user", cpq.lastPath());
            assertEquals(Map.of("authentication", FakeCpq.KEY, "user_id", "prm-7"), cpq.lastBody());
            assertNull(cpq.lastOrigin());
            assertTrue(message(response).startsWith("The CPQ has prm-7 "), response.body());
            assertFalse(response.body().contains(FakeCpq.KEY));
        }
    }

    @Test
    void userCallWhenCpqKnowsNoSuchUserThenPageSaysSo() throws Exception {
        saveKey();
        cpq.answerNext(404, "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"Not found: user_id\",\"field\":\"user_id\"}]}", null);

        HttpResponse<String> response = postForm("/prm/api/user/signout", simulator.uri().toString(), Map.of("user_id", "ghost"));

        assertEquals(502, response.statusCode());
        assertTrue(message(response).startsWith("The CPQ knows no user ghost of this partner"), response.body());
        assertEquals(404, ((Number) ((Map<?, ?>) FakeCpq.parse(response.body())).get("cpq_status")).intValue());
    }

    @Test
    void userCallWhenCpqRefusesTheKeyThenForbiddenPassedOnWithoutTheKey() throws Exception {
        saveKey("pa_live_wrong_key_0123456789abcdef");

        HttpResponse<String> response = postForm("/prm/api/user/deactivate", simulator.uri().toString(), Map.of("user_id", "prm-7"));

        assertEquals(502, response.statusCode());
        assertTrue(message(response).startsWith("The CPQ refused the call: Forbidden."), response.body());
        assertFalse(response.body().contains("pa_live_wrong_key"));
    }

    @Test
    void userCallWhenRefusedBeforeTheCpqThenNoCallMade() throws Exception {
        HttpResponse<String> noKey = postForm("/prm/api/user/signout", simulator.uri().toString(), Map.of("user_id", "prm-7"));
        saveKey();
        HttpResponse<String> crossSite = postForm("/prm/api/user/signout", "https://evil.example", Map.of("user_id", "prm-7"));
        HttpResponse<String> blank = postForm("/prm/api/user/signout", simulator.uri().toString(), Map.of("user_id", " "));
        HttpResponse<String> unknown = postForm("/prm/api/user/delete", simulator.uri().toString(), Map.of("user_id", "prm-7"));

        assertEquals(409, noKey.statusCode());
        assertEquals(403, crossSite.statusCode());
        assertEquals(400, blank.statusCode());
        assertEquals("Enter the partner user's id first.", message(blank));
        assertEquals(404, unknown.statusCode());
        assertEquals(0, cpq.calls());
    }

    @Test
    void portalPageOffersTheThreeCallsForItsUser() throws Exception {
        String page = get("/").body();

        assertTrue(page.contains("id=\"signout-user\" class=\"secondary\">Sign out everywhere</button>"), page);
        assertTrue(page.contains("id=\"deactivate-user\" class=\"secondary\">Deactivate</button>"), page);
        assertTrue(page.contains("id=\"activate-user\" class=\"secondary\">Reactivate</button>"), page);
    }

    private static Map<String, String> user() {
        Map<String, String> user = new LinkedHashMap<>();
        user.put("user_id", "prm-7");
        user.put("login", "sam@partner.example");
        user.put("email", "sam@partner.example");
        user.put("name", "Sam Doe");
        user.put("company", "Partner Co");
        return user;
    }

    private void saveKey() throws Exception {
        saveKey(FakeCpq.KEY);
    }

    private void saveKey(String key) throws Exception {
        assertEquals(303, postForm("/settings", simulator.uri().toString(), Map.of("key", key)).statusCode());
    }

    private HttpResponse<String> postToken(Map<String, String> user) throws Exception {
        return postForm("/prm/api/token", simulator.uri().toString(), user);
    }

    private HttpResponse<String> postForm(String path, String origin, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(simulator.resolve(path))
                .header("Origin", origin)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(simulator.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String message(HttpResponse<String> response) {
        return (String) ((Map<?, ?>) FakeCpq.parse(response.body())).get("message");
    }
}
