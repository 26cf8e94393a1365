package dev.partnerauth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wrk scripts of {@code src/test/bench} against a loopback stand-in that checks what a real
 * server would (a token is used once and only after it was issued, the landing carries a browser's
 * fetch metadata), and answers as the demo and the Spring peer do. They fail with a clear message
 * where wrk is not installed (Debian package {@code wrk}; {@code ./verify.sh} installs it); every
 * run is one second on 127.0.0.1.
 */
class WrkScriptsTest {
    private static final Path BENCH = Path.of("src/test/bench");
    private static final String KEY = "pak_AbCdEfGh1234_0123456789012345678901abcdef";
    /** A second partner's key, for runs spread over partners ({@code KEY,OTHER_KEY}). */
    private static final String OTHER_KEY = "pak_ZyXwVuTs9876_9876543210987654321098fedcba";

    private HttpServer server;
    private static final Pattern USER_ID = Pattern.compile("\"user_id\":\"(prm-[^\"]+)\"");

    private final Map<String, Boolean> issued = new ConcurrentHashMap<>();
    /** The partner each access token was minted for (the stand-in's tokens carry it as a "prt" claim). */
    private final Map<String, String> partnerOf = new ConcurrentHashMap<>();
    /** The user each access token was minted for (its "sub" claim). */
    private final Map<String, String> userOf = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> mintsPerPartner = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    /** Requests the stand-in refused because the script chained them wrong. */
    private final AtomicInteger misuse = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private volatile boolean refuseAll;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        if (refuseAll) {
            reply(ex, 403, "{\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\"Forbidden\"}]}", null);
            return;
        }
        switch (path) {
            case "/api/v1/authenticate/user" -> {
                String partner = body.contains("\"authentication\":\"" + KEY + "\"") ? "prt_A"
                        : body.contains("\"authentication\":\"" + OTHER_KEY + "\"") ? "prt_B" : null;
                Matcher userId = USER_ID.matcher(body);
                boolean wellFormed = partner != null && userId.find();
                String user = wellFormed ? userId.group(1) : "none";
                // shaped like a JWS: header.payload.signature, the payload naming the partner and the user
                String token = "eyJhbGciOiJIUzI1NiJ9." + java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(("{\"prt\":\"" + partner + "\",\"sub\":\"" + user + "\",\"jti\":\""
                                + next.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8)) + ".sig";
                issued.put(token, true);
                if (partner != null) {
                    partnerOf.put(token, partner);
                    userOf.put(token, user);
                    mintsPerPartner.computeIfAbsent(partner, p -> new AtomicInteger()).incrementAndGet();
                }
                if (wellFormed) {
                    reply(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":60,\"errors\":[]}", null);
                } else {
                    misuse.incrementAndGet();
                    reply(ex, 400, "{\"errors\":[]}", null);
                }
            }
            case "/api/v1/open/quote" -> {
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
                // each user opens its own partner's opportunity (the demo's first partner owns one), so
                // the set of opportunities stays bounded by the users
                String partner = partnerOf.get(token);
                if (issued.remove(token) == null
                        || !body.contains("\"opportunity_id\":\"OPP-" + partner + "-" + userOf.get(token) + "\"")) {
                    misuse.incrementAndGet();
                    reply(ex, 401, "{\"errors\":[]}", null);
                    return;
                }
                String code = "code" + next.incrementAndGet();
                issued.put(code, true);
                reply(ex, 200, "{\"url\":\"http://localhost:1/cpq/opportunities/OPP-1/quotes/new?launch=" + code + "\",\"errors\":[]}", null);
            }
            case "/cpq/opportunities/OPP-1/quotes/new" -> {
                String query = ex.getRequestURI().getRawQuery();
                String code = query != null && query.startsWith("launch=") ? query.substring(7) : "";
                var h = ex.getRequestHeaders();
                boolean browser = "navigate".equals(h.getFirst("Sec-Fetch-Mode")) && "document".equals(h.getFirst("Sec-Fetch-Dest"))
                        && "cross-site".equals(h.getFirst("Sec-Fetch-Site")) && h.getFirst("Cookie") == null;
                if (issued.remove(code) == null || !browser || !"GET".equals(ex.getRequestMethod())) {
                    misuse.incrementAndGet();
                    reply(ex, 403, "{\"errors\":[]}", null);
                    return;
                }
                completed.incrementAndGet();
                reply(ex, 303, "", path);
            }
            case "/ott/generate" -> {
                String token = "ott" + next.incrementAndGet();
                issued.put(token, true);
                reply(ex, 200, "{\"token\":\"" + token + "\"}", null);
            }
            case "/login/ott" -> {
                Matcher m = Pattern.compile("^token=(.+)$").matcher(body);
                if (m.find() && issued.remove(m.group(1)) != null) {
                    completed.incrementAndGet();
                    reply(ex, 302, "", url() + "/");
                } else {
                    misuse.incrementAndGet();
                    reply(ex, 302, "", url() + "/login?error");
                }
            }
            default -> reply(ex, 404, "{\"errors\":[]}", null);
        }
    }

    private static void reply(HttpExchange ex, int status, String body, String location) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (location != null) {
            ex.getResponseHeaders().set("Location", location);
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    /** One bounded wrk run; its stdout. */
    private String wrk(String script, String... args) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            fail("The wrk script tests need /usr/bin/wrk. Install it with `apt-get install wrk` (./verify.sh does this).");
        }
        String[] command = new String[9 + (args.length == 0 ? 0 : args.length + 1)];
        String[] base = {"/usr/bin/wrk", "-t2", "-c4", "-d1s", "--timeout", "5s", "-s", BENCH.resolve(script).toString(),
            url() + (script.equals("bare.lua") ? "/api/v1/authenticate/user" : "")};
        System.arraycopy(base, 0, command, 0, base.length);
        if (args.length > 0) {
            command[base.length] = "--";
            System.arraycopy(args, 0, command, base.length + 1, args.length);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "wrk did not end");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static long field(String out, String name) {
        Matcher m = Pattern.compile("^wrk-turns .* " + Pattern.quote(name) + " (\\d+)", Pattern.MULTILINE).matcher(out);
        assertTrue(m.find(), "no " + name + " in: " + out);
        return Long.parseLong(m.group(1));
    }

    @Test
    void whenTheLandingScriptRunsThenEveryTokenAndCodeIsUsedOnceInABrowsersNavigation() throws Exception {
        String out = wrk("landing.lua", KEY);

        assertEquals(0, field(out, "errors"), out);
        assertEquals(0, misuse.get(), "requests chained wrong: " + out);
        assertTrue(field(out, "turns") > 0, out);
        // a turn is counted when the landing's redirect came back: never more than the stand-in completed
        assertTrue(field(out, "turns") <= completed.get(), out + " completed " + completed.get());
        assertTrue(field(out, "requests") >= 3 * field(out, "turns"), out);
    }

    @Test
    void whenThePairScriptRunsThenEachOpenCarriesAFreshToken() throws Exception {
        String out = wrk("pair.lua", KEY);

        assertEquals(0, field(out, "errors"), out);
        assertEquals(0, misuse.get(), out);
        assertTrue(field(out, "turns") > 0, out);
    }

    @Test
    void whenSeveralKeysAreGivenThenUsersAreSpreadOverThemAndEachOpensItsOwnPartnersOpportunities() throws Exception {
        String out = wrk("pair.lua", KEY + "," + OTHER_KEY);

        assertEquals(0, field(out, "errors"), out);
        assertEquals(0, misuse.get(), out);
        int a = mintsPerPartner.getOrDefault("prt_A", new AtomicInteger()).get();
        int b = mintsPerPartner.getOrDefault("prt_B", new AtomicInteger()).get();
        assertTrue(a > 0 && b > 0 && Math.abs(a - b) <= Math.max(a, b) / 2, "mints per partner: " + a + " and " + b);
    }

    @Test
    void whenTheSpringPairScriptRunsThenEachLoginRedeemsAGeneratedToken() throws Exception {
        String out = wrk("spring-pair.lua");

        assertEquals(0, field(out, "errors"), out);
        assertEquals(0, misuse.get(), out);
        assertTrue(field(out, "turns") > 0 && field(out, "turns") <= completed.get(), out);
    }

    @Test
    void whenTheServerRefusesThenTheRunCountsEveryReplyAsAnErrorAndShowsTheFirst() throws Exception {
        refuseAll = true;

        for (String script : new String[] {"auth.lua", "pair.lua", "landing.lua", "bare.lua", "spring-generate.lua", "spring-pair.lua"}) {
            String out = script.startsWith("spring") || script.equals("bare.lua") ? wrk(script) : wrk(script, KEY);

            assertEquals(0, field(out, "turns"), script + ": " + out);
            assertTrue(field(out, "errors") > 0 && field(out, "errors") == field(out, "failed-checks"), script + ": " + out);
            assertEquals(field(out, "requests"), field(out, "non-2xx/3xx"), script + ": " + out);
            assertTrue(out.contains("wrk-first-failure") && out.contains("HTTP 403"), script + ": " + out);
        }
    }

    @Test
    void whenAReplyLacksTheFieldThatProvesSuccessThenItIsAFailedCheck() throws Exception {
        // 200, but an open/quote answer without launch=: the pair never completes
        server.removeContext("/");
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            reply(ex, 200, ex.getRequestURI().getPath().endsWith("authenticate/user")
                    ? "{\"access_token\":\"t\",\"errors\":[]}" : "{\"url\":\"http://localhost:1/cpq/\",\"errors\":[]}", null);
        });

        String out = wrk("pair.lua", KEY);

        assertEquals(0, field(out, "turns"), out);
        assertEquals(0, field(out, "non-2xx/3xx"), out);
        assertTrue(field(out, "failed-checks") > 0, out);
        assertTrue(out.contains("HTTP 200 neither access_token nor a url with launch="), out);
    }
}
