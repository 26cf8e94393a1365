package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.ADMIN_PASSWORD;
import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.adminCredentials;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.pathAndQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.testing.CapturedLogs;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.token.SigningKey;
import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import dev.partnerauth.user.PartnerUserStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * No key, key secret, access token, token signature, launch code, pepper, signing key or admin
 * password appears in any log line (partner-auth's own at every level, stack traces included) or
 * in any response other than the one that legitimately hands it out.
 */
class SecretHygieneHttpTest {
    private static final String OPPORTUNITY = "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}";

    @ContainerTest
    void launchFlowAndEveryRefusalThenNoSecretInLogsOrOtherResponses(Containers containers) {
        Secrets secrets = new Secrets();
        try (PartnerAuthFixture host = secrets.host(containers, new InMemoryPartnerUserStore())) {
            secrets.addKey(host.key);
            secrets.check(host.authenticate("pak_notakey"));
            secrets.check(host.authenticate(PartnerApiRejectionHttpTest.withOtherSecret(host.key)));

            String token = secrets.token(host);
            Http.Response launched = host.launch(CREATE_QUOTE, token, OPPORTUNITY);
            String url = (String) json(launched).get("url");
            String code = url.substring(url.indexOf("launch=") + "launch=".length());
            secrets.add(code);
            secrets.check(launched, code);
            secrets.check(host.launch(CREATE_QUOTE, token, OPPORTUNITY)); // reused
            secrets.check(host.launch(CREATE_QUOTE, forged(token), OPPORTUNITY));
            secrets.check(host.launch(CREATE_QUOTE, token + ".x", OPPORTUNITY));
            String expiring = secrets.token(host);
            host.clock.advance(Duration.ofSeconds(61));
            secrets.check(host.launch(CREATE_QUOTE, expiring, OPPORTUNITY));

            Http browser = Http.withCookies();
            Http.Response landed = browser.navigate(host.server.uri(pathAndQuery(url)));
            assertEquals(403, landed.status(), "the code expired with the clock"); // a refused code
            secrets.check(landed);
            String fresh = secrets.token(host);
            Http.Response relaunched = host.launch(CREATE_QUOTE, fresh, OPPORTUNITY);
            String freshUrl = (String) json(relaunched).get("url");
            String freshCode = freshUrl.substring(freshUrl.indexOf("launch=") + "launch=".length());
            secrets.add(freshCode);
            secrets.check(relaunched, freshCode);
            Http.Response signedIn = browser.navigate(host.server.uri(pathAndQuery(freshUrl)));
            assertEquals(303, signedIn.status());
            secrets.check(signedIn);
            secrets.check(Http.plain().navigate(host.server.uri(pathAndQuery(freshUrl)))); // replayed code
            secrets.check(Http.plain().navigate(host.server.uri("/cpq/x?launch=" + freshCode + "&launch=" + code)));

            secrets.assertNoneLogged();
        }
    }

    @ContainerTest
    void adminKeyLifecycleThenPlaintextOnlyInCreateResponse(Containers containers) {
        Secrets secrets = new Secrets();
        try (PartnerAuthFixture host = secrets.host(containers, new InMemoryPartnerUserStore())) {
            secrets.addKey(host.key);
            Http.Response created = host.admin("POST", "keys", "{\"name\":\"Globex\",\"allowed_ips\":[\"127.0.0.1\"]}");
            assertEquals(201, created.status(), created.body());
            String plaintext = (String) json(created).get("key");
            secrets.addKey(plaintext);
            secrets.check(created, plaintext);
            String id = (String) json(created).get("id");

            secrets.check(host.admin("GET", "keys", null));
            secrets.check(host.admin("GET", "keys/" + id, null));
            secrets.check(host.admin("PUT", "keys/" + id, "{\"name\":\"Globex EU\"}"));
            secrets.check(host.authenticate(plaintext));
            secrets.check(host.admin("GET", "audit?limit=100", null));
            secrets.check(host.admin("DELETE", "keys/" + id, null));
            secrets.check(host.authenticate(plaintext));
            secrets.check(host.send("GET", PartnerAuthFixture.ADMIN + "/keys", null,
                    Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + plaintext).getBytes()))));

            secrets.assertNoneLogged();
        }
    }

    @ContainerTest
    void faultsAndOutagesThenNoSecretInTracesOrBodies(Containers containers) {
        Secrets secrets = new Secrets();
        FailingUsers users = new FailingUsers();
        try (PartnerAuthFixture host = secrets.host(containers, users)) {
            secrets.addKey(host.key);
            String token = secrets.token(host);
            users.failWith(new IllegalStateException("user table on fire"));
            Http.Response fault = host.launch(CREATE_QUOTE, token, OPPORTUNITY);
            assertEquals(500, fault.status(), fault.body());
            secrets.check(fault);
            secrets.check(host.authenticate());

            users.failWith(new StoreUnavailableException("database unreachable", new java.sql.SQLException("timeout")));
            Http.Response outage = host.authenticate();
            assertEquals(503, outage.status(), outage.body());
            secrets.check(outage);

            List<String> lines = secrets.assertNoneLogged();
            assertTrue(lines.stream().anyMatch(l -> l.contains("user table on fire") && l.contains("\tat ")),
                    "the fault's stack trace is logged, so the check above looked at it: " + lines);
        }
    }

    private static String forged(String token) {
        String[] parts = token.split("\\.");
        char[] sig = parts[2].toCharArray();
        sig[0] = sig[0] == 'A' ? 'B' : 'A';
        return parts[0] + "." + parts[1] + "." + new String(sig);
    }

    /** The secrets of one host, and every place they must not appear. */
    private static final class Secrets {
        private final byte[] pepper = new byte[32];
        private final InMemorySigningKeyStore signingKeys = new InMemorySigningKeyStore();
        private final Map<String, String> values = new LinkedHashMap<>();
        private final List<String> exposed = new ArrayList<>();
        private int logMark;

        Secrets() {
            new Random(42).nextBytes(pepper);
            add(Base64.getEncoder().encodeToString(pepper));
            add(Base64.getUrlEncoder().withoutPadding().encodeToString(pepper));
            add(HexFormat.of().formatHex(pepper));
            add(ADMIN_PASSWORD);
            add(adminCredentials().get("Authorization").substring("Basic ".length()));
        }

        PartnerAuthFixture host(Containers containers, PartnerUserStore users) {
            PartnerAuthFixture host = PartnerAuthFixture.options().auth(b -> b.keyPepper(KeyPepper.of(pepper))
                    .signingKeyStore(signingKeys).userStore(users).slf4jAudit(true)).start(containers);
            logMark = CapturedLogs.mark();
            return host;
        }

        void add(String secret) {
            values.put(secret, secret);
        }

        void addKey(String key) {
            add(key);
            add(key.substring(key.lastIndexOf('_') + 1, key.length() - 6)); // the secret part
        }

        /** A fresh token; it and its signature are secrets, legitimately in this one response. */
        String token(PartnerAuthFixture host) {
            Http.Response response = host.authenticate();
            assertEquals(200, response.status(), response.body());
            String token = (String) json(response).get("access_token");
            add(token);
            add(token.substring(token.lastIndexOf('.') + 1));
            for (SigningKey key : signingKeys.keys(() -> {
                throw new AssertionError("a token was signed, so a key exists");
            })) {
                add(Base64.getEncoder().encodeToString(key.secret()));
                add(Base64.getUrlEncoder().withoutPadding().encodeToString(key.secret()));
                add(HexFormat.of().formatHex(key.secret()));
            }
            check(response, token);
            return token;
        }

        /** Remembers a response; at the end, none of it may hold a secret other than {@code allowed}. */
        void check(Http.Response response, String... allowed) {
            String text = response.status() + " " + response.headers().map() + " " + response.body();
            for (String a : allowed) {
                text = text.replace(a, "<allowed>");
            }
            exposed.add(text);
        }

        List<String> assertNoneLogged() {
            List<String> lines = CapturedLogs.since(logMark);
            assertFalse(lines.isEmpty(), "the audit logger at least must have logged");
            for (String secret : values.keySet()) {
                for (String line : lines) {
                    assertFalse(line.contains(secret), () -> "a secret in the log: " + line);
                }
                for (String response : exposed) {
                    assertFalse(response.contains(secret), () -> "a secret in a response: " + response);
                }
            }
            return lines;
        }
    }
}
