package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole flow over HTTP against a host configured by properties alone: the admin (Boot's default
 * security chain, HTTP Basic) enables the authenticator and creates a key, the PRM authenticates a
 * user and opens a quote, the browser lands, the host's page sees the partner, the host's launch
 * authorizer bean refuses what it refuses, and disabling the user ends the session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "PARTNER_AUTH_PEPPER=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "partner-auth.public-base-url=http://localhost",
        "CPQ_ADMIN_PASSWORD=" + PropertiesFlowTest.ADMIN_PASSWORD})
class PropertiesFlowTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final String ADMIN = "/api/v1/admin/partner-auth/";
    private static final String OPPORTUNITY = "0065g00000AbCdEAAV";

    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects, keeps no cookies

    @Value("${local.server.port}")
    int port;

    @Test
    void partnerLaunchThenSignedInUntilTheAdminDisablesTheUser() throws Exception {
        String key = createKey();
        String partnerId = field(key, "partner_id");
        String token = field(authenticate(field(key, "key")), "access_token");

        HttpResponse<String> open = send(post("/api/v1/open/quote",
                "{\"opportunity_id\":\"" + OPPORTUNITY + "\",\"quote_id\":\"Q-42\"}").header("Authorization", "Bearer " + token));
        assertEquals(200, open.statusCode(), open.body());
        URI url = URI.create(field(open.body(), "url"));

        HttpResponse<String> land = send(navigate(url.getRawPath() + "?" + url.getRawQuery()));
        assertEquals(303, land.statusCode(), land.body());
        String setCookie = land.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElse(null);
        assertNotNull(setCookie, land.headers().toString());
        assertTrue(setCookie.contains("; Secure") && setCookie.contains("; HttpOnly") && setCookie.contains("; SameSite=Lax"),
                setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> page = send(get("/cpq/opportunities/" + OPPORTUNITY + "/quotes/Q-42").header("Cookie", cookie));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().startsWith("partner=Dana Partner\nuser_principal="), page.body());

        HttpResponse<String> asPartner = send(get(ADMIN + "keys").header("Cookie", cookie));
        assertEquals(403, asPartner.statusCode(), "a partner user is no admin, whatever its session: " + asPartner.body());

        HttpResponse<String> disable = send(put(ADMIN + "users/" + partnerId + "/u-1", "{\"enabled\":false}")
                .header("Authorization", admin()));
        assertEquals(200, disable.statusCode(), disable.body());

        HttpResponse<String> after = send(get("/cpq/opportunities/" + OPPORTUNITY + "/quotes/Q-42").header("Cookie", cookie));
        assertNotEquals(200, after.statusCode(), "the disabled user's session is over: " + after.body());
    }

    @Test
    void launchAuthorizerBeanWhenItRefusesThen403AndTheTokenUnspent() throws Exception {
        String token = field(authenticate(field(createKey(), "key")), "access_token");

        HttpResponse<String> closed = send(post("/api/v1/open/opportunity", "{\"opportunity_id\":\"006CLOSED0001\"}")
                .header("Authorization", "Bearer " + token));
        assertEquals(403, closed.statusCode(), closed.body());
        HttpResponse<String> open = send(post("/api/v1/open/opportunity", "{\"opportunity_id\":\"" + OPPORTUNITY + "\"}")
                .header("Authorization", "Bearer " + token));
        assertEquals(200, open.statusCode(), open.body());
    }

    @Test
    void adminApiWithoutLoginThen401WithBootsBasicChallenge() throws Exception {
        HttpResponse<String> response = send(get(ADMIN + "keys"));
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("Basic realm=\"Realm\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void hostPageWithoutAnyLoginThenRefusedByBootsDefaultChain() throws Exception {
        assertNotEquals(200, send(get("/cpq/opportunities/" + OPPORTUNITY)).statusCode());
    }

    private String createKey() throws Exception {
        HttpResponse<String> settings = send(put(ADMIN + "settings", "{\"enabled\":true,\"crm\":\"SALESFORCE\"}")
                .header("Authorization", admin()));
        assertEquals(200, settings.statusCode(), settings.body());
        HttpResponse<String> key = send(post(ADMIN + "keys", "{\"name\":\"Acme PRM\",\"allowed_ips\":[]}")
                .header("Authorization", admin()));
        assertEquals(201, key.statusCode(), key.body());
        return key.body();
    }

    private String authenticate(String key) throws Exception {
        HttpResponse<String> response = send(post("/api/v1/authenticate/user", "{\"authentication\":\"" + key + "\","
                + "\"user_information\":{\"type\":\"partner\",\"user_id\":\"u-1\",\"login\":\"dana@partner.example\","
                + "\"email\":\"dana@partner.example\",\"name\":\"Dana Partner\"}}"));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String admin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** A browser's top-level navigation from the PRM's page, with the fetch metadata it sends. */
    private HttpRequest.Builder navigate(String path) {
        return get(path).header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder put(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
