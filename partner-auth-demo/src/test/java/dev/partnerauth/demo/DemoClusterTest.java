package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several demo nodes on one PostgreSQL or MariaDB database (SPEC §6): with one {@code PARTNER_AUTH_PEPPER}
 * they agree on every key and token; a node with another pepper exits with status 2 and says why.
 */
class DemoClusterTest {
    private static final String PASSWORD = "cluster-test-password";
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final SecureRandom random = new SecureRandom();
    private String jdbcUrl;

    @AfterEach
    void dropDatabase() {
        TestDatabases.dropUrls();
    }

    private String newPepper() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private DemoOptions node(Path dataDir) {
        return new DemoOptions(0, 0, dataDir, null, 60, jdbcUrl, List.of());
    }

    @ParameterizedTest
    @EnumSource(value = DemoTwoNodesTest.Database.class, names = {"POSTGRESQL", "MARIADB"})
    void twoNodesWhenSamePepperThenKeyMadeOnOneWorksOnTheOtherAndThirdWithAnotherPepperExitsTwo(
            DemoTwoNodesTest.Database db, @TempDir Path dirA, @TempDir Path dirB, @TempDir Path dirC) throws Exception {
        jdbcUrl = db.freshUrl.get();
        String pepper = newPepper();
        // node A's data dir holds a pepper file of its own: PARTNER_AUTH_PEPPER must win over it
        Files.writeString(dirA.resolve("key-pepper"), newPepper(), StandardCharsets.US_ASCII);
        try (Demo a = Demo.start(node(dirA), PASSWORD, pepper); Demo b = Demo.start(node(dirB), PASSWORD, pepper)) {
            assertEquals(200, DemoHttp.admin(a, PASSWORD, "PUT", "/settings",
                    "{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[]}").statusCode());
            String key = DemoHttp.createdKey(DemoHttp.admin(a, PASSWORD, "POST", "/keys", "{\"name\":\"Acme PRM\"}"));

            HttpResponse<String> onB = authenticate(b, key);
            assertEquals(200, onB.statusCode(), onB.body());
            HttpResponse<String> launchedOnA = createQuote(a, token(onB));
            assertEquals(200, launchedOnA.statusCode(), "a token minted on B is redeemed on A: " + launchedOnA.body());

            Process third = startDemoProcess(dirC, newPepper());
            String stderr = new String(third.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(third.waitFor(60, TimeUnit.SECONDS), "the third node did not exit");

            assertEquals(2, third.exitValue(), stderr);
            assertTrue(stderr.contains("pepper differs from the pepper of the other nodes"), stderr);
            assertFalse(stderr.contains("\tat "), "no stack trace: " + stderr);
            assertEquals(200, authenticate(b, key).statusCode(), "the running nodes are unaffected");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DemoTwoNodesTest.Database.class, names = {"POSTGRESQL", "MARIADB"})
    void nodeWhenPepperNotBase64OrTooShortThenExitsTwoNamingTheVariable(DemoTwoNodesTest.Database db,
                                                                       @TempDir Path dir) throws Exception {
        jdbcUrl = db.freshUrl.get();
        for (String bad : List.of("not base64!", Base64.getEncoder().encodeToString(new byte[16]))) {
            Process process = startDemoProcess(dir, bad);
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the demo did not exit");

            assertEquals(2, process.exitValue(), stderr);
            assertTrue(stderr.contains("PARTNER_AUTH_PEPPER"), stderr);
            assertFalse(stderr.contains(bad), "the value is not echoed: " + stderr);
        }
    }

    private Process startDemoProcess(Path dataDir, String pepper) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DemoMain.class.getName(), "--port", "0", "--prm-port", "0", "--data-dir", dataDir.toString(),
                "--jdbc-url", jdbcUrl)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PARTNER_AUTH_PEPPER", pepper);
        builder.environment().put("DEMO_ADMIN_PASSWORD", PASSWORD);
        return builder.start();
    }

    private static HttpResponse<String> authenticate(Demo demo, String key) throws Exception {
        String body = "{\"authentication\":\"" + key + "\",\"user_information\":{\"type\":\"partner\","
                + "\"user_id\":\"u-1\",\"login\":\"robin\",\"email\":\"robin@partner.example\",\"name\":\"Robin\"}}";
        return DemoHttp.send(HttpRequest.newBuilder(URI.create(demo.cpqUrl() + "/api/v1/authenticate/user"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> createQuote(Demo demo, String token) throws Exception {
        return DemoHttp.send(HttpRequest.newBuilder(URI.create(demo.cpqUrl() + "/api/v1/create/quote"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"opportunity_id\":\"0065g00000AbCdEAAV\"}")));
    }

    private static String token(HttpResponse<String> authenticated) {
        Matcher m = TOKEN.matcher(authenticated.body());
        assertTrue(m.find(), authenticated.body());
        return m.group(1);
    }
}
