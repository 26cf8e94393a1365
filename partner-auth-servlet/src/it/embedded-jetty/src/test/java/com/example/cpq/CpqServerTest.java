package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testkit.PartnerSignIn;
import dev.partnerauth.servlet.testkit.PartnerTestKit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole partner flow over HTTP against the embedded Jetty host, admin login included. */
class CpqServerTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final String PEPPER = Base64.getEncoder().encodeToString(new byte[32]);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static CpqServer server;
    /** A key the administrator made through the admin API, before the tests. */
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        // the public URL names another port on purpose: the test follows launch URLs by path
        server = CpqServer.start(0, URI.create("http://localhost:8080"), PEPPER, PASSWORD);
        String admin = basic("admin", PASSWORD);
        assertEquals(200, send("PUT", "/api/v1/admin/partner-auth/settings",
                "{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[]}", admin, null).statusCode());
        key = field(send("POST", "/api/v1/admin/partner-auth/keys", "{\"name\":\"Acme PRM\",\"allowed_ips\":[]}",
                admin, null).body(), "key");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void partnerFlowWhenAdminMadeKeyThenHostPageSeesPartner() throws Exception {
        String admin = basic("admin", PASSWORD);
        HttpResponse<String> settings = send("PUT", "/api/v1/admin/partner-auth/settings",
                "{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[]}", admin, null);
        assertEquals(200, settings.statusCode(), settings.body());
        HttpResponse<String> created = send("POST", "/api/v1/admin/partner-auth/keys",
                "{\"name\":\"Acme PRM\",\"allowed_ips\":[]}", admin, null);
        assertEquals(201, created.statusCode(), created.body());
        String fresh = field(created.body(), "key");

        HttpResponse<String> authenticated = send("POST", "/api/v1/authenticate/user",
                "{\"authentication\":\"" + fresh + "\",\"user_information\":{\"type\":\"partner\","
                        + "\"user_id\":\"u-1\",\"login\":\"david\",\"email\":\"david@partner.example\","
                        + "\"name\":\"David Solomon\"}}", null, null);
        assertEquals(200, authenticated.statusCode(), authenticated.body());
        HttpResponse<String> launched = send("POST", "/api/v1/open/quote",
                "{\"opportunity_id\":\"006A\",\"quote_id\":\"Q-1\"}",
                "Bearer " + field(authenticated.body(), "access_token"), null);
        assertEquals(200, launched.statusCode(), launched.body());
        URI url = URI.create(field(launched.body(), "url"));
        assertEquals("/cpq/opportunities/006A/quotes/Q-1", url.getPath());

        HttpResponse<String> landed = send("GET", url.getRawPath() + "?" + url.getRawQuery(), null, null, null);
        assertEquals(303, landed.statusCode(), landed.body());
        String cookie = landed.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpResponse<String> page = send("GET", landed.headers().firstValue("Location").orElseThrow(), null, null, cookie);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().startsWith("partner ") && page.body().endsWith(" role=true"), page.body());
    }

    // README:begin host-test-kit
    @Test
    void quotePageWhenPartnerSignedInThenShowsThePartner() {
        PartnerSignIn.SignedIn david = PartnerTestKit.signIn(URI.create("http://127.0.0.1:" + server.port()), key)
                .as(PartnerTestKit.user("005xx000001Sv6EAAS").withName("David Solomon"))
                .explainingRefusalsWithAdmin(basic("admin", PASSWORD))  // the audit reason in a failure, never on the wire
                .openQuote("0065g00000AbCdEAAV", "Q-00042");

        HttpResponse<String> page = david.get(david.location());

        assertEquals("/cpq/opportunities/0065g00000AbCdEAAV/quotes/Q-00042", david.location());
        assertTrue(page.body().endsWith(" role=true"), page.body());
    }
    // README:end

    @Test
    void signInWhenKeyDeletedThenKitSaysWhyTheHostRefused() throws Exception {
        String admin = basic("admin", PASSWORD);
        HttpResponse<String> created = send("POST", "/api/v1/admin/partner-auth/keys",
                "{\"name\":\"Short-lived\",\"allowed_ips\":[]}", admin, null);
        HttpResponse<String> deleted = send("DELETE", "/api/v1/admin/partner-auth/keys/" + field(created.body(), "id"),
                null, admin, null);
        assertEquals(204, deleted.statusCode());

        PartnerSignIn.Refused refused = assertThrows(PartnerSignIn.Refused.class, () ->
                PartnerTestKit.signIn(URI.create("http://127.0.0.1:" + server.port()), field(created.body(), "key"))
                        .explainingRefusalsWithAdmin(admin)
                        .createQuote("006"));

        assertEquals(403, refused.status());
        assertTrue(refused.reason().startsWith("AUTHENTICATE_REFUSED"), refused.reason());
    }

    @Test
    void adminApiWhenNoLoginThenContainerChallenges() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/admin/partner-auth/keys", null, null, null);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic"));
    }

    @Test
    void adminApiWhenLoginLacksRoleThen403() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/admin/partner-auth/keys", null,
                basic("clerk", PASSWORD), null);

        assertEquals(403, response.statusCode());
    }

    @Test
    void adminApiWhenPasswordWrongThen401() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/admin/partner-auth/keys", null,
                basic("admin", PASSWORD + "x"), null);

        assertEquals(401, response.statusCode());
    }

    @Test
    void pageWhenNoSignInThenAnonymous() throws Exception {
        HttpResponse<String> page = send("GET", "/cpq/opportunities/006A", null, null, null);

        assertEquals("anonymous", page.body());
    }

    /** Hosts take partner-auth as they take other libraries: each jar names its module. */
    @Test
    void jarsWhenOnClasspathThenNameTheirModules() throws Exception {
        assertEquals("dev.partnerauth.core", moduleName(dev.partnerauth.PartnerAuth.class));
        assertEquals("dev.partnerauth.servlet", moduleName(dev.partnerauth.servlet.PartnerAuthFilters.class));
    }

    /** The wire contract a host's team reads ships inside the servlet jar, as an OpenAPI 3.1 document. */
    @Test
    void servletJarWhenOnClasspathThenCarriesTheOpenApiDocument() throws IOException {
        try (var in = dev.partnerauth.servlet.PartnerAuthFilters.class.getResourceAsStream("/META-INF/partner-auth/openapi.yaml")) {
            assertTrue(in != null, "no META-INF/partner-auth/openapi.yaml in the servlet jar");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("openapi: 3.1.0") && text.contains("/api/v1/admin/partner-auth/keys/{id}/roll:"));
        }
    }

    private static String moduleName(Class<?> type) throws IOException {
        String jar = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(jar.endsWith(".jar"), type + " comes from " + jar + ", not a jar");
        try (JarFile file = new JarFile(jar)) {
            return file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String path, String json, String authorization,
                                             String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (method.equals("GET") && !path.startsWith("/api/")) {
            // a page load is a browser's top-level navigation, and says so
            request.header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One string field of a flat JSON answer; enough for the few fields this test reads. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), "no " + name + " in " + json);
        return m.group(1);
    }
}
