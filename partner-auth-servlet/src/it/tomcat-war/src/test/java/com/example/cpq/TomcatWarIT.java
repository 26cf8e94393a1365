package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The WAR in a stock Tomcat distribution, run as its own process ({@code catalina.sh run}) with a
 * CATALINA_BASE of its own: the distribution's conf with the connector on a free port, the
 * shutdown port off, our tomcat-users.xml, and the WAR as ROOT. The whole partner flow runs over
 * HTTP; Tomcat's console is printed when a test fails.
 */
@ExtendWith(TomcatWarIT.PrintLogOnFailure.class)
class TomcatWarIT {
    private static final String PASSWORD = "correct-horse-battery";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private static Process tomcat;
    private static int port;

    @BeforeAll
    static void startTomcat() throws Exception {
        Path home = Path.of(System.getProperty("catalina.home"));
        Path base = Path.of("target", "tomcat-base").toAbsolutePath();
        for (String dir : List.of("conf", "logs", "temp", "work", "webapps")) {
            Files.createDirectories(base.resolve(dir));
        }
        try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
            for (Path file : (Iterable<Path>) conf::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, base.resolve("conf").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        port = freePort();
        String serverXml = Files.readString(home.resolve("conf/server.xml"));
        assertTrue(serverXml.contains("port=\"8005\"") && serverXml.contains("port=\"8080\""), "stock server.xml changed");
        Files.writeString(base.resolve("conf/server.xml"), serverXml
                .replace("port=\"8005\"", "port=\"-1\"")
                .replace("port=\"8080\"", "port=\"" + port + "\" address=\"127.0.0.1\""));
        Files.copy(Path.of(System.getProperty("host.tomcatUsers")), base.resolve("conf/tomcat-users.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of(System.getProperty("host.war")), base.resolve("webapps/ROOT.war"),
                StandardCopyOption.REPLACE_EXISTING);

        ProcessBuilder builder = new ProcessBuilder("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true);
        builder.environment().put("CATALINA_HOME", home.toString());
        builder.environment().put("CATALINA_BASE", base.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PARTNER_AUTH_PEPPER", Base64.getEncoder().encodeToString(new byte[32]));
        builder.environment().put("CPQ_PUBLIC_URL", "http://127.0.0.1:" + port);
        tomcat = builder.start();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> readConsole(started), "tomcat-console");
        reader.setDaemon(true);
        reader.start();
        try {
            started.get(120, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Tomcat did not start within 120 s:\n" + String.join("\n", console));
        }
    }

    @AfterAll
    static void stopTomcat() throws InterruptedException {
        if (tomcat != null) {
            tomcat.destroy();   // SIGTERM: Tomcat's shutdown hook stops it cleanly
            if (!tomcat.waitFor(30, TimeUnit.SECONDS)) {
                tomcat.destroyForcibly();
            }
        }
    }

    @Test
    void partnerFlowWhenAdminMadeKeyThenHostPageSeesPartnerAndAuditReachesTomcatLog() throws Exception {
        String admin = basic("admin", PASSWORD);
        HttpResponse<String> settings = send("PUT", "/api/v1/admin/partner-auth/settings",
                "{\"enabled\":true,\"crm\":\"DYNAMICS\",\"allowed_origins\":[]}", admin, null);
        assertEquals(200, settings.statusCode(), settings.body());
        HttpResponse<String> created = send("POST", "/api/v1/admin/partner-auth/keys",
                "{\"name\":\"Acme PRM\",\"allowed_ips\":[\"127.0.0.1\"]}", admin, null);
        assertEquals(201, created.statusCode(), created.body());
        String key = field(created.body(), "key");

        HttpResponse<String> authenticated = send("POST", "/api/v1/authenticate/user",
                "{\"authentication\":\"" + key + "\",\"user_information\":{\"type\":\"partner\","
                        + "\"user_id\":\"u-1\",\"login\":\"david\",\"email\":\"david@partner.example\","
                        + "\"name\":\"David Solomon\"}}", null, null);
        assertEquals(200, authenticated.statusCode(), authenticated.body());
        HttpResponse<String> launched = send("POST", "/api/v1/create/quote", "{\"opportunity_id\":\"006B\"}",
                "Bearer " + field(authenticated.body(), "access_token"), null);
        assertEquals(200, launched.statusCode(), launched.body());
        String url = field(launched.body(), "url");
        assertTrue(url.startsWith("http://127.0.0.1:" + port + "/cpq/opportunities/006B/quotes/new?launch="), url);

        HttpResponse<String> landed = send("GET", url.substring(("http://127.0.0.1:" + port).length()), null, null, null);
        assertEquals(303, landed.statusCode(), landed.body());
        String cookie = landed.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpResponse<String> page = send("GET", landed.headers().firstValue("Location").orElseThrow(), null, null, cookie);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().startsWith("partner ") && page.body().endsWith(" role=true"), page.body());
        assertTrue(console.stream().anyMatch(l -> l.contains("dev.partnerauth.audit")),
                "no audit line in Tomcat's console");
        assertFalse(console.stream().anyMatch(l -> l.contains(key)), "the key reached Tomcat's log");
    }

    @Test
    void adminApiWhenNoLoginThenTomcatChallenges() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/admin/partner-auth/keys", null, null, null);

        assertEquals(401, response.statusCode());
        assertEquals("Basic realm=\"CPQ\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void adminApiWhenLoginLacksRoleThen403() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/admin/partner-auth/keys", null,
                basic("clerk", PASSWORD), null);

        assertEquals(403, response.statusCode());
    }

    @Test
    void partnerApiWhenKeyUnknownThenContractForbiddenNotContainerLogin() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/authenticate/user",
                "{\"authentication\":\"pak_nope\",\"user_information\":{\"type\":\"partner\","
                        + "\"user_id\":\"u-1\",\"login\":\"david\",\"email\":\"david@partner.example\","
                        + "\"name\":\"David Solomon\"}}", null, null);

        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").isEmpty(), "the security-constraint reached the Partner API");
        assertTrue(response.body().contains("\"Forbidden\""), response.body());
    }

    /**
     * Paths that a container's security-constraint might not match while partner-auth's admin
     * filter, which normalises, would: each must still be refused, anonymous or with a partner's
     * session (a partner principal must never pass for the container's admin role).
     */
    @Test
    void adminApiWhenPathDisguisedThenNeverAnswersWithoutAdminLogin() throws Exception {
        String partnerSession = partnerSession();
        List<String> disguises = List.of("/api/v1/admin/partner-auth/keys", "/api/v1//admin/partner-auth/keys",
                "/api/v1/admin/partner-auth/./keys", "/api/v1/x/../admin/partner-auth/keys",
                "/api/v1/admin;x=1/partner-auth/keys", "/api/v1/%61dmin/partner-auth/keys",
                "/api/v1/ADMIN/partner-auth/keys", "/api/v1/admin/partner-auth/keys/");
        for (String path : disguises) {
            for (String cookie : new String[] {null, partnerSession}) {
                HttpResponse<String> response = send("GET", path, null, null, cookie);
                assertTrue(response.statusCode() >= 400 && !response.body().contains("\"keys\""),
                        path + (cookie == null ? "" : " with a partner session") + " answered "
                                + response.statusCode() + " " + response.body());
            }
        }
    }

    private static String partnerSession() throws Exception {
        String admin = basic("admin", PASSWORD);
        send("PUT", "/api/v1/admin/partner-auth/settings",
                "{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[]}", admin, null);
        String key = field(send("POST", "/api/v1/admin/partner-auth/keys", "{\"name\":\"p\",\"allowed_ips\":[]}",
                admin, null).body(), "key");
        String token = field(send("POST", "/api/v1/authenticate/user", "{\"authentication\":\"" + key
                + "\",\"user_information\":{\"type\":\"partner\",\"user_id\":\"admin\",\"login\":\"admin\","
                + "\"email\":\"a@partner.example\",\"name\":\"cpq-admin\"}}", null, null).body(), "access_token");
        String url = field(send("POST", "/api/v1/open/opportunity", "{\"opportunity_id\":\"006\"}",
                "Bearer " + token, null).body(), "url");
        HttpResponse<String> landed = send("GET", url.substring(("http://127.0.0.1:" + port).length()), null, null, null);
        return landed.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    /** README lists exactly these jars for a WAR; this keeps that list true. */
    @Test
    void warWhenBuiltThenWebInfLibHoldsTheDocumentedJars() throws IOException {
        try (ZipFile war = new ZipFile(System.getProperty("host.war"))) {
            List<String> jars = war.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("WEB-INF/lib/".length()).replaceAll("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", ""))
                    .sorted()
                    .collect(Collectors.toList());

            assertEquals(List.of("caffeine", "commons-io", "commons-net", "error_prone_annotations", "jspecify",
                    "nimbus-jose-jwt", "partner-auth-core", "partner-auth-servlet", "slf4j-api", "slf4j-simple"), jars);
        }
    }

    private static void readConsole(CompletableFuture<Void> started) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(tomcat.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                console.add(line);
                if (line.contains("Server startup in")) {
                    started.complete(null);
                }
            }
            started.completeExceptionally(new AssertionError("Tomcat exited:\n" + String.join("\n", console)));
        } catch (IOException e) {
            started.completeExceptionally(new UncheckedIOException(e));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String path, String json, String authorization,
                                             String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
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

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), "no " + name + " in " + json);
        return m.group(1);
    }

    /** Tomcat's console, printed under a failed test so that CI shows why. */
    static final class PrintLogOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            synchronized (console) {
                System.out.println("---- Tomcat console (" + context.getDisplayName() + ")");
                console.forEach(System.out::println);
            }
        }
    }
}
