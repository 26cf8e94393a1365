package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.ADMIN_PASSWORD;
import static dev.partnerauth.servlet.PartnerAuthFixture.ADMIN_USER;
import static dev.partnerauth.servlet.PartnerAuthFixture.adminCredentials;
import static dev.partnerauth.servlet.PartnerAuthFixture.errors;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.audit.JdbcAuditLog;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.servlet.testing.ServletContainer;
import dev.partnerauth.settings.JdbcSettingsStore;
import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.internal.jdbc.JdbcSigningKeyStore;
import dev.partnerauth.user.JdbcPartnerUserStore;
import dev.partnerauth.testing.MutableClock;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Nodes of one partner-auth deployment whose state is all in one database, as a host runs them
 * behind a load balancer: every node builds its own {@link PartnerAuth} from the same pepper,
 * public base URL and data source, and shares nothing else. Plus the HTTP calls the PRM and the
 * admin make, so that the multi-node and outage suites read as the flow they exercise.
 */
final class MultiNodeFixture {
    /** The pepper every node is configured with: the deployment's one shared secret outside the database. */
    static final KeyPepper PEPPER = KeyPepper.of("multi-node-fixture-pepper-32-bytes!!".getBytes(StandardCharsets.US_ASCII));
    static final URI PUBLIC_BASE_URL = URI.create("https://cpq.example.com");
    static final String OPPORTUNITY_ID = "0065g00000ABCDEFGH";

    private MultiNodeFixture() {
    }

    /** A {@link PartnerAuth} whose keys, settings, users, grants, signing keys and audit are all in {@code db}. */
    static PartnerAuth partnerAuth(DataSource db, Clock clock, Duration queryTimeout) {
        return builder(db, clock, queryTimeout).build();
    }

    /** The same, with its caches on the test's clock, so that a test moves their time without sleeping. */
    static PartnerAuth partnerAuth(DataSource db, MutableClock clock, Duration queryTimeout) {
        return builder(db, clock, queryTimeout).ticker(clock.ticker()).build();
    }

    private static PartnerAuth.Builder builder(DataSource db, Clock clock, Duration queryTimeout) {
        return PartnerAuth.builder()
                .keyPepper(PEPPER)
                .publicBaseUrl(PUBLIC_BASE_URL)
                .clock(clock)
                .keyStore(new JdbcKeyStore(db, queryTimeout))
                .settingsStore(new JdbcSettingsStore(db, queryTimeout, clock))
                .userStore(new JdbcPartnerUserStore(db, queryTimeout))
                .grantStore(new JdbcGrantStore(db, queryTimeout))
                .signingKeyStore(new JdbcSigningKeyStore(db, queryTimeout))
                .auditLog(new JdbcAuditLog(db, queryTimeout))
                .slf4jAudit(false);
    }

    /** A {@link PartnerAuth} on {@code db} through {@code PartnerAuth.Builder.database}, as docs/clusters.md's recipe, its caches on the test's clock. */
    static PartnerAuth onDatabase(DataSource db, MutableClock clock) {
        return PartnerAuth.builder()
                .keyPepper(PEPPER)
                .publicBaseUrl(PUBLIC_BASE_URL)
                .clock(clock)
                .ticker(clock.ticker())
                .database(db)
                .slf4jAudit(false)
                .build();
    }

    /**
     * Starts a container serving the Partner API, the admin API and the landing filter of {@code
     * auth}, and a host page {@value #WHO_AM_I} that answers the signed-in partner's name (empty when anonymous).
     */
    static Node start(Containers container, PartnerAuth auth) {
        ServletContainer server = container.start(ctx -> {
            PartnerAuthFilters.builder(auth)
                    .adminAuthorizer(new BasicAdminAuthorizer(ADMIN_USER, ADMIN_PASSWORD))
                    .build()
                    .register(ctx);
            ctx.addServlet("who-am-i", new HttpServlet() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.getWriter().write(request.getRemoteUser() == null ? "" : request.getRemoteUser());
                }
            }).addMapping(WHO_AM_I);
        });
        return new Node(container, auth, server);
    }

    static final String WHO_AM_I = "/cpq/who-am-i";

    /** One node: its container and its own {@link PartnerAuth}. */
    record Node(Containers container, PartnerAuth auth, ServletContainer server) implements AutoCloseable {
        Node {
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(auth, "auth");
            Objects.requireNonNull(server, "server");
        }

        URI uri(String pathAndQuery) {
            return server.uri(pathAndQuery);
        }

        /** {@code POST /api/v1/authenticate/user} as the PRM backend sends it. */
        Http.Response authenticate(String key, String userId) {
            String body = "{\"authentication\":\"" + key + "\",\"user_information\":{\"type\":\"partner\","
                    + "\"user_id\":\"" + userId + "\",\"login\":\"" + userId + "\",\"email\":\"" + userId
                    + "@partner.example\",\"name\":\"Partner " + userId + "\",\"company\":\"Acme Reseller\"}}";
            return Http.plain().post(uri("/api/v1/authenticate/user"), body, Map.of());
        }

        /** An access token for {@code userId}, failing the test unless the node mints one. */
        String accessToken(String key, String userId) {
            Http.Response r = authenticate(key, userId);
            assertEquals(200, r.status(), r::body);
            return (String) json(r).get("access_token");
        }

        /** {@code POST /api/v1/create/quote} as the PRM's browser sends it. */
        Http.Response createQuote(String token) {
            return Http.plain().post(uri("/api/v1/create/quote"), "{\"opportunity_id\":\"" + OPPORTUNITY_ID + "\"}",
                    Map.of("Authorization", "Bearer " + token));
        }

        /** {@code POST /api/v1/signout/user} (or {@code deactivate/user}, {@code activate/user}: {@code call}) as the PRM backend sends it. */
        Http.Response partnerCall(String call, String key, String userId) {
            return Http.plain().post(uri("/api/v1/" + call), "{\"authentication\":\"" + key + "\",\"user_id\":\""
                    + userId + "\"}", Map.of());
        }

        /** An admin API call; {@code json} is the body, or {@code null} for none. */
        Http.Response admin(String method, String resource, String json) {
            return Http.plain().send(method, uri(PartnerAuthFilters.ADMIN_PREFIX + resource), json,
                    adminCredentials());
        }

        /** Enables the authenticator for a Salesforce account through the admin API. */
        void enable() {
            Http.Response r = admin("PUT", "settings", "{\"enabled\":true,\"crm\":\"SALESFORCE\"}");
            assertEquals(200, r.status(), r::body);
        }

        /** Creates a key through the admin API, answering its id and plaintext. */
        CreatedKey createKey(String name) {
            Http.Response r = admin("POST", "keys", "{\"name\":\"" + name + "\",\"allowed_ips\":[]}");
            assertEquals(201, r.status(), r::body);
            Map<String, Object> body = json(r);
            return new CreatedKey((String) body.get("id"), (String) body.get("key"));
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** A key as the admin API answered its creation: the only moment the plaintext is seen. */
    record CreatedKey(String id, String plaintext) {
        CreatedKey {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(plaintext, "plaintext");
        }
    }

    /** The codes of a response's {@code errors} array. */
    static List<String> errorCodes(Http.Response response) {
        return errors(response).stream().map(e -> (String) e.get("code")).toList();
    }
}
