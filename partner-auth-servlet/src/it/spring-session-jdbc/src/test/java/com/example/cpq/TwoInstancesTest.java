package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the host on one PostgreSQL database (a schema of its own, dropped at the end),
 * their HTTP sessions in Spring Session JDBC, no sticky routing: each request of the browser goes
 * to the other instance in turn. Landing, the next page, the identity-switch page and its
 * confirmation, and a disabled user's session ending on both within the session-check interval.
 */
class TwoInstancesTest {
    private static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final String ADMIN = "/api/v1/admin/partner-auth/";
    private static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "pa_session_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();

    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects, keeps no cookies
    private int turn;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        try (Connection c = DriverManager.getConnection(BASE, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        for (int i = 0; i < 2; i++) {
            ConfigurableApplicationContext node = new SpringApplicationBuilder(CpqApplication.class, TestTime.Beans.class)
                    .properties("server.port=0",
                            "PARTNER_AUTH_PEPPER=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                            "CPQ_PUBLIC_URL=http://localhost",
                            "CPQ_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                            "spring.datasource.url=" + BASE + "?currentSchema=" + SCHEMA,
                            "spring.datasource.username=postgres",
                            // the first instance creates Spring Session's tables, as a migration would
                            "spring.session.jdbc.initialize-schema=" + (i == 0 ? "always" : "never"))
                    .run();
            nodes.add(node);
            ports.add(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
        }
    }

    @AfterAll
    static void stopAndDrop() throws Exception {
        nodes.forEach(ConfigurableApplicationContext::close);
        try (Connection c = DriverManager.getConnection(BASE, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void browserWhenEachRequestGoesToTheOtherInstanceThenOneSessionThroughout() throws Exception {
        String key = createKey();
        String partnerId = field(key, "partner_id");
        String dana = launch(field(key, "key"), "u-1", "Dana Partner", "Q-1");

        HttpResponse<String> land = send(navigate(dana));
        assertEquals(303, land.statusCode(), land.body());
        String setCookie = land.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SESSION=")).findFirst().orElse(null);
        assertNotNull(setCookie, "Spring Session's cookie: " + land.headers());
        // over plain HTTP Spring Session alone would leave Secure off; partner-auth's attributes are on
        assertTrue(setCookie.contains("; Secure") && setCookie.contains("; HttpOnly") && setCookie.contains("; SameSite=Lax"),
                setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertEquals("partner=Dana Partner\nopportunity_allowed=true\n", page(cookie).body(), "the next page, other instance");
        assertEquals("partner=Dana Partner\nopportunity_allowed=true\n", page(cookie).body(), "and back");

        // another partner user's link opened in Dana's browser: the switch is asked, on the instance it lands on
        String eve = launch(field(key, "key"), "u-2", "Eve Partner", "Q-2");
        HttpResponse<String> ask = send(navigate(eve).header("Cookie", cookie));
        assertEquals(200, ask.statusCode(), ask.body());
        Matcher form = Pattern.compile("action=\"([^\"]+)\".*name=\"nonce\" value=\"([^\"]+)\"").matcher(ask.body());
        assertTrue(form.find(), ask.body());
        assertEquals("partner=Dana Partner\nopportunity_allowed=true\n", page(cookie).body(), "nothing switched unasked");

        int confirmPort = next();
        HttpResponse<String> confirm = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + confirmPort
                        + form.group(1).replace("&amp;", "&")))
                .header("Cookie", cookie).header("Origin", "http://127.0.0.1:" + confirmPort)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("nonce=" + URLEncoder.encode(form.group(2), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, confirm.statusCode(), confirm.body());
        String switched = confirm.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst()
                .orElseThrow();
        assertTrue(switched.contains("; Secure") && switched.contains("; SameSite=Lax"), switched);
        String eveCookie = switched.substring(0, switched.indexOf(';'));
        assertEquals("partner=Eve Partner\nopportunity_allowed=true\n", page(eveCookie).body());
        assertEquals("anonymous\n", page(cookie).body(), "Dana's old session id is worth nothing");

        // disabled through one instance: there at once, on the other within the session-check interval (5 s)
        HttpResponse<String> disable = send(put(ADMIN + "users/" + partnerId + "/u-2", "{\"enabled\":false}")
                .header("Authorization", admin()));
        assertEquals(200, disable.statusCode(), disable.body());
        for (ConfigurableApplicationContext node : nodes) {
            node.getBean(TestTime.class).advance(Duration.ofSeconds(6));
        }
        assertEquals("anonymous\n", page(eveCookie).body());
        assertEquals("anonymous\n", page(eveCookie).body());
    }

    @Test
    void partnerSignsTheUserOutThenItsSharedSessionEndsOnBothInstances() throws Exception {
        String key = createKey();
        String colleague = launch(field(key, "key"), "u-stays", "Sam Stays", "Q-1");
        String leaving = launch(field(key, "key"), "u-leaves", "Lee Leaves", "Q-1");
        String stays = sessionCookie(send(navigate(colleague)));
        String leaves = sessionCookie(send(navigate(leaving)));
        assertEquals("partner=Lee Leaves\nopportunity_allowed=true\n", page(leaves).body());

        // the PRM's backend, with the partner's own key, through one instance
        HttpResponse<String> signOut = send(post("/api/v1/signout/user",
                "{\"authentication\":\"" + field(key, "key") + "\",\"user_id\":\"u-leaves\"}"));
        assertEquals(200, signOut.statusCode(), signOut.body());
        for (ConfigurableApplicationContext node : nodes) {
            node.getBean(TestTime.class).advance(Duration.ofSeconds(6));
        }

        assertEquals("anonymous\n", page(leaves).body());
        assertEquals("anonymous\n", page(leaves).body(), "on the other instance too");
        assertEquals("partner=Sam Stays\nopportunity_allowed=true\n", page(stays).body(), "the colleague stays");
        assertEquals("partner=Sam Stays\nopportunity_allowed=true\n", page(stays).body());
    }

    private static String sessionCookie(HttpResponse<String> land) {
        assertEquals(303, land.statusCode(), land.body());
        String setCookie = land.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> page(String cookie) throws Exception {
        return send(get("/cpq/opportunities/006A/quotes/Q-1").header("Cookie", cookie));
    }

    /** The PRM authenticates the user and opens a quote: the launch URL's path and query. */
    private String launch(String key, String userId, String name, String quote) throws Exception {
        HttpResponse<String> authenticate = send(post("/api/v1/authenticate/user", "{\"authentication\":\"" + key + "\","
                + "\"user_information\":{\"type\":\"partner\",\"user_id\":\"" + userId + "\",\"login\":\"" + userId
                + "@partner.example\",\"email\":\"" + userId + "@partner.example\",\"name\":\"" + name + "\"}}"));
        assertEquals(200, authenticate.statusCode(), authenticate.body());
        HttpResponse<String> open = send(post("/api/v1/open/quote", "{\"opportunity_id\":\"006A\",\"quote_id\":\"" + quote + "\"}")
                .header("Authorization", "Bearer " + field(authenticate.body(), "access_token")));
        assertEquals(200, open.statusCode(), open.body());
        URI url = URI.create(field(open.body(), "url"));
        return url.getRawPath() + "?" + url.getRawQuery();
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

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String admin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** The instance that gets the next request: each in turn. */
    private int next() {
        return ports.get(turn++ % 2);
    }

    /** A browser's top-level navigation from the PRM's page, with the fetch metadata it sends. */
    private HttpRequest.Builder navigate(String path) {
        return get(path).header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + next() + path)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + next() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder put(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + next() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
