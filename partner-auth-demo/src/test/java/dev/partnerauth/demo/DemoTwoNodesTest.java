package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two demo nodes on one database given by {@code --jdbc-url}, on PostgreSQL, MariaDB and H2: they
 * share keys, tokens and (through Jetty's JDBC session store) the HTTP sessions, so a browser
 * signed in on one node is signed in on the other, and a revocation made on either node ends the
 * session within 5 s wherever its next request lands. The nodes run on one test clock.
 */
class DemoTwoNodesTest {
    private static final String PASSWORD = "two-nodes-test-password";
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern URL = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PARTNER_ID = Pattern.compile("\"partner_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern KEY_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final String SIGNED_IN = "Signed in as <strong id=\"partner-name\">Robin</strong>";
    private static final String OPPORTUNITY = "0065g00000AbCdEAAV";

    enum Database {
        POSTGRESQL(TestDatabases::freshPostgresUrl),
        MARIADB(TestDatabases::freshMariaDbUrl),
        /** In memory, kept open, reached by both nodes of this JVM under one name ({@code --jdbc-url jdbc:h2:...}). */
        H2(() -> "jdbc:h2:mem:pa_demo_" + java.util.UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");

        final Supplier<String> freshUrl;

        Database(Supplier<String> freshUrl) {
            this.freshUrl = freshUrl;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final List<Demo> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Demo node : nodes) {
            node.close();
        }
        TestDatabases.dropUrls();
    }

    private Demo[] twoNodes(Database db, Path dirA, Path dirB) throws Exception {
        String jdbcUrl = db.freshUrl.get();
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        String sharedPepper = Base64.getEncoder().encodeToString(pepper);
        for (Path dir : List.of(dirA, dirB)) {
            nodes.add(Demo.start(new DemoOptions(0, 0, dir, null, 60, jdbcUrl, List.of()), PASSWORD, sharedPepper,
                    clock, clock.ticker()));
        }
        Demo a = nodes.get(0);
        assertEquals(200, DemoHttp.admin(a, PASSWORD, "PUT", "/settings",
                "{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[]}").statusCode());
        return new Demo[] {a, nodes.get(1)};
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void keyWhenMadeOnAThenWorksOnBAndItsTokenRacesToOneWinnerAcrossBoth(Database db, @TempDir Path dirA,
                                                                        @TempDir Path dirB) throws Exception {
        Demo[] n = twoNodes(db, dirA, dirB);
        String key = DemoHttp.createdKey(DemoHttp.admin(n[0], PASSWORD, "POST", "/keys", "{\"name\":\"Acme PRM\"}"));

        HttpResponse<String> onB = authenticate(n[1], key, "u-1");
        assertEquals(200, onB.statusCode(), onB.body());
        String token = group(TOKEN, onB.body());

        int racers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Demo node = n[i % 2];
                statuses.add(pool.submit(() -> {
                    start.await();
                    return createQuote(node, token).statusCode();
                }));
            }
            start.countDown();
            Map<Integer, Integer> counts = new TreeMap<>();
            for (Future<Integer> s : statuses) {
                counts.merge(s.get(30, TimeUnit.SECONDS), 1, Integer::sum);
            }
            assertEquals(1, counts.getOrDefault(200, 0), counts::toString);
            assertEquals(racers - 1, counts.getOrDefault(403, 0) + counts.getOrDefault(429, 0), counts::toString);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void sessionWhenSignedInOnAThenTheSameCookieIsSignedInOnBAndTheLandingCookieKeepsItsAttributes(
            Database db, @TempDir Path dirA, @TempDir Path dirB) throws Exception {
        Demo[] n = twoNodes(db, dirA, dirB);
        String key = DemoHttp.createdKey(DemoHttp.admin(n[0], PASSWORD, "POST", "/keys", "{\"name\":\"Acme PRM\"}"));

        Landing landing = land(n[0], key, "u-1");

        assertTrue(landing.setCookie.contains("; Secure"), landing.setCookie);
        assertTrue(landing.setCookie.contains("; HttpOnly"), landing.setCookie);
        assertTrue(landing.setCookie.contains("; SameSite=Lax"), landing.setCookie);
        assertTrue(page(n[0], landing).contains(SIGNED_IN), "signed in on A, where it landed");
        assertTrue(page(n[1], landing).contains(SIGNED_IN), "the same cookie is signed in on B");
        assertTrue(page(n[0], landing).contains(SIGNED_IN), "and still on A after B served it");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void sessionWhenKeyDeletedOnAThenEndedOnBWithinFiveSeconds(Database db, @TempDir Path dirA, @TempDir Path dirB)
            throws Exception {
        Demo[] n = twoNodes(db, dirA, dirB);
        HttpResponse<String> created = DemoHttp.admin(n[0], PASSWORD, "POST", "/keys", "{\"name\":\"Acme PRM\"}");
        String key = DemoHttp.createdKey(created);
        Landing landing = land(n[1], key, "u-1");
        assertTrue(page(n[1], landing).contains(SIGNED_IN));

        assertEquals(204, DemoHttp.admin(n[0], PASSWORD, "DELETE", "/keys/" + group(KEY_ID, created.body()), "")
                .statusCode());
        clock.advance(Duration.ofSeconds(5));

        String onB = page(n[1], landing);
        assertFalse(onB.contains(SIGNED_IN), onB);
        assertTrue(onB.contains("Not signed in"), onB);
        assertFalse(page(n[0], landing).contains(SIGNED_IN), "ended on A too");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void sessionWhenUserDisabledOnBThenEndedWhereverItsNextRequestLands(Database db, @TempDir Path dirA,
                                                                       @TempDir Path dirB) throws Exception {
        Demo[] n = twoNodes(db, dirA, dirB);
        HttpResponse<String> created = DemoHttp.admin(n[0], PASSWORD, "POST", "/keys", "{\"name\":\"Acme PRM\"}");
        String key = DemoHttp.createdKey(created);
        Landing landing = land(n[0], key, "u-1");
        assertTrue(page(n[1], landing).contains(SIGNED_IN));

        HttpResponse<String> disabled = DemoHttp.admin(n[1], PASSWORD, "PUT",
                "/users/" + group(PARTNER_ID, created.body()) + "/u-1", "{\"enabled\":false}");
        assertEquals(200, disabled.statusCode(), disabled.body());
        clock.advance(Duration.ofSeconds(5));

        assertFalse(page(n[0], landing).contains(SIGNED_IN), "the next request, on A, is anonymous");
        assertFalse(page(n[1], landing).contains(SIGNED_IN), "and on B");
    }

    /** The session cookie a browser holds after landing, and the page the landing redirected to. */
    private record Landing(String cookie, String setCookie, String path) {
    }

    private Landing land(Demo node, String key, String userId) throws Exception {
        HttpResponse<String> authenticated = authenticate(node, key, userId);
        assertEquals(200, authenticated.statusCode(), authenticated.body());
        HttpResponse<String> launched = createQuote(node, group(TOKEN, authenticated.body()));
        assertEquals(200, launched.statusCode(), launched.body());
        URI url = URI.create(group(URL, launched.body()).replace("\\/", "/"));
        HttpResponse<String> landed = DemoHttp.send(HttpRequest.newBuilder(on(node, url))
                .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                .header("Sec-Fetch-Site", "cross-site").GET());
        assertEquals(303, landed.statusCode(), landed.body());
        String setCookie = landed.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + landed.headers()));
        URI location = url.resolve(landed.headers().firstValue("Location").orElseThrow());
        return new Landing(setCookie.substring(0, setCookie.indexOf(';')), setCookie,
                location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()));
    }

    /** The page the landing led to, requested from {@code node} with the browser's cookie. */
    private static String page(Demo node, Landing landing) throws Exception {
        return DemoHttp.send(HttpRequest.newBuilder(URI.create(node.cpqUrl() + landing.path))
                .header("Cookie", landing.cookie).GET()).body();
    }

    private static URI on(Demo node, URI url) {
        return URI.create(node.cpqUrl() + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    private static HttpResponse<String> authenticate(Demo node, String key, String userId) throws Exception {
        return partnerCall(node, "/api/v1/authenticate/user", "{\"authentication\":\"" + key
                + "\",\"user_information\":{\"type\":\"partner\",\"user_id\":\"" + userId
                + "\",\"login\":\"robin\",\"email\":\"robin@partner.example\",\"name\":\"Robin\"}}");
    }

    private static HttpResponse<String> partnerCall(Demo node, String path, String json) throws Exception {
        return DemoHttp.send(HttpRequest.newBuilder(URI.create(node.cpqUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> createQuote(Demo node, String token) throws Exception {
        return DemoHttp.send(HttpRequest.newBuilder(URI.create(node.cpqUrl() + "/api/v1/create/quote"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"opportunity_id\":\"" + OPPORTUNITY + "\"}")));
    }

    private static String group(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }
}
