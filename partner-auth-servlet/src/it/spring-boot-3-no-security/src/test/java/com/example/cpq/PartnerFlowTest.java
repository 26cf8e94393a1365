package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** The whole flow over HTTP against a Boot host without Spring Security. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "PARTNER_AUTH_PEPPER=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "cpq.public-url=http://localhost",
        "CPQ_ADMIN_PASSWORD=" + PartnerFlowTest.ADMIN_PASSWORD})
class PartnerFlowTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final String ADMIN = "/api/v1/admin/partner-auth/";
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Test
    void partnerLaunchThenHostPageSeesThePartnerAndTheCookieIsConfigured() throws Exception {
        String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, send(json("PUT", ADMIN + "settings", "{\"enabled\":true,\"crm\":\"DYNAMICS\"}").header("Authorization", admin)).statusCode());
        HttpResponse<String> key = send(json("POST", ADMIN + "keys", "{\"name\":\"Acme PRM\"}").header("Authorization", admin));
        assertEquals(201, key.statusCode(), key.body());
        HttpResponse<String> token = send(json("POST", "/api/v1/authenticate/user", "{\"authentication\":\"" + field(key.body(), "key")
                + "\",\"user_information\":{\"type\":\"partner\",\"user_id\":\"u-1\",\"login\":\"dana@partner.example\","
                + "\"email\":\"dana@partner.example\",\"name\":\"Dana Partner\"}}"));
        assertEquals(200, token.statusCode(), token.body());
        HttpResponse<String> open = send(json("POST", "/api/v1/open/quote", "{\"opportunity_id\":\"006A\",\"quote_id\":\"Q-42\"}")
                .header("Authorization", "Bearer " + field(token.body(), "access_token")));
        assertEquals(200, open.statusCode(), open.body());
        URI url = URI.create(field(open.body(), "url"));

        // as a browser navigates there from the PRM (a request without fetch metadata gets a continue page)
        HttpResponse<String> land = send(HttpRequest.newBuilder(uri(url.getRawPath() + "?" + url.getRawQuery()))
                .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document").GET());
        assertEquals(303, land.statusCode(), land.body());
        String setCookie = land.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElse(null);
        assertNotNull(setCookie, land.headers().toString());
        assertTrue(setCookie.contains("Secure") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite="), setCookie);

        HttpResponse<String> page = send(HttpRequest.newBuilder(uri(land.headers().firstValue("Location").orElseThrow()))
                .header("Cookie", setCookie.substring(0, setCookie.indexOf(';'))).GET());
        assertEquals("partner=Dana Partner\nuser_principal=dana@partner.example\npartner_role=true\nquote=Q-42\n", page.body());
    }

    @Test
    void springSecurityIsNotBroughtInByPartnerAuth() {
        // partner-auth's Spring Security and Micrometer support are optional dependencies
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.springframework.security.core.Authentication"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.springframework.security.test.context.TestSecurityContextHolder"));
    }

    @Test
    void adminApiWithoutCredentialsThen401() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(ADMIN + "keys")).GET());
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private HttpRequest.Builder json(String method, String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
