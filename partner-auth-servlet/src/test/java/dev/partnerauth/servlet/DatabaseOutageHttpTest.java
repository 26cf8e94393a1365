package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.MultiNodeFixture.errorCodes;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.messages;
import static dev.partnerauth.servlet.PartnerAuthFixture.pathAndQuery;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.MultiNodeFixture.CreatedKey;
import dev.partnerauth.servlet.MultiNodeFixture.Node;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.testing.SwitchableDataSource;
import dev.partnerauth.testing.TestDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A node whose database goes away and comes back, without anything being restarted: every call
 * that needs the database answers 503 with {@code Retry-After} promptly (never a 500, never a
 * hang, never a 403 that would tell the PRM its token or key is bad), nothing single-use is
 * burned by a call that failed for the outage, and the flow works again as soon as the database
 * answers.
 */
class DatabaseOutageHttpTest {
    /** Short, so that a stalled statement is cancelled quickly; the stores default to 5 seconds. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(1);
    /** What "promptly" means here: well under the PRM's own timeouts, with room for a loaded machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final String OUTAGE_MESSAGE = "The service is temporarily unavailable. Retry shortly.";

    private final MutableClock clock = new MutableClock();
    private final DataSource postgres = TestDatabases.postgresWithSchema();
    private final SwitchableDataSource database = new SwitchableDataSource(postgres);
    private ServerSocket silentServer;
    private Node node;

    @AfterEach
    void stopNodeAndDropDatabase() throws IOException {
        if (node != null) {
            node.close();
        }
        if (silentServer != null) {
            silentServer.close();
        }
        TestDatabases.drop(postgres);
    }

    @ContainerTest
    void authenticateWhenDatabaseUnreachableThenServiceUnavailableWithRetryAfter(Containers container) {
        start(container);
        CreatedKey key = node.createKey("Acme PRM");
        node.enable();

        database.cutOff(TestDatabases.unreachablePostgres());
        Http.Response r = timed(() -> node.authenticate(key.plaintext(), "u-1"));

        assertOutage(r);
    }

    @Test
    void authenticateWhenDatabaseStopsAnsweringThenServiceUnavailableWithinTimeouts() throws IOException {
        start(Containers.JETTY);
        CreatedKey key = node.createKey("Acme PRM");
        node.enable();

        database.cutOff(silentPostgres());
        Http.Response r = timed(() -> node.authenticate(key.plaintext(), "u-1"));

        assertOutage(r);
    }

    @Test
    void authenticateWhenQueryBlockedByLockThenServiceUnavailableWithinQueryTimeout() throws SQLException {
        start(Containers.JETTY);
        CreatedKey key = node.createKey("Acme PRM");
        node.enable();

        Http.Response r;
        try (Connection locker = postgres.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                // the database is up but the settings row cannot be read: the statement must be cancelled
                s.execute("LOCK TABLE partner_auth_settings IN ACCESS EXCLUSIVE MODE");
            }
            r = timed(() -> node.authenticate(key.plaintext(), "u-1"));
            locker.rollback();
        }

        assertOutage(r);
        assertEquals(200, node.authenticate(key.plaintext(), "u-1").status());
    }

    @Test
    void launchWhenDatabaseUnreachableThenServiceUnavailableAndTokenNotBurned() {
        start(Containers.JETTY);
        CreatedKey key = node.createKey("Acme PRM");
        node.enable();
        String token = node.accessToken(key.plaintext(), "u-1");

        database.cutOff(TestDatabases.unreachablePostgres());
        Http.Response duringOutage = timed(() -> node.createQuote(token));
        database.restore();
        Http.Response afterRecovery = node.createQuote(token);

        assertOutage(duringOutage);
        assertEquals(200, afterRecovery.status(), afterRecovery::body);
    }

    @Test
    void landingWhenDatabaseUnreachableThenServiceUnavailablePageAndCodeNotBurned() {
        start(Containers.JETTY);
        CreatedKey key = node.createKey("Acme PRM");
        node.enable();
        Http.Response launch = node.createQuote(node.accessToken(key.plaintext(), "u-1"));
        URI landing = node.uri(pathAndQuery((String) json(launch).get("url")));

        database.cutOff(TestDatabases.unreachablePostgres());
        Http.Response duringOutage = timed(() -> Http.withCookies().navigate(landing));
        database.restore();
        Http.Response afterRecovery = Http.withCookies().navigate(landing);

        assertEquals(503, duringOutage.status(), duringOutage::body);
        assertEquals("5", duringOutage.header("Retry-After").orElse(null));
        assertTrue(duringOutage.body().contains("temporarily unavailable"), duringOutage::body);
        assertEquals(303, afterRecovery.status(), afterRecovery::body);
    }

    @Test
    void adminWhenDatabaseUnreachableThenServiceUnavailable() {
        start(Containers.JETTY);
        CreatedKey key = node.createKey("Acme PRM");

        database.cutOff(TestDatabases.unreachablePostgres());

        assertAll(
                () -> assertOutage(timed(() -> node.admin("GET", "settings", null))),
                () -> assertOutage(timed(() -> node.admin("PUT", "settings", "{\"enabled\":true,\"crm\":\"SALESFORCE\"}"))),
                () -> assertOutage(timed(() -> node.admin("GET", "keys", null))),
                () -> assertOutage(timed(() -> node.admin("POST", "keys", "{\"name\":\"Other PRM\"}"))),
                () -> assertOutage(timed(() -> node.admin("GET", "keys/" + key.id(), null))),
                () -> assertOutage(timed(() -> node.admin("PUT", "keys/" + key.id(), "{\"name\":\"Renamed\"}"))),
                () -> assertOutage(timed(() -> node.admin("DELETE", "keys/" + key.id(), null))),
                () -> assertOutage(timed(() -> node.admin("GET", "audit?limit=10", null))));
    }

    @Test
    void flowWhenDatabaseRecoversThenWorksAgainWithoutRestart() {
        start(Containers.JETTY);
        CreatedKey key = node.createKey("Acme PRM");
        node.enable();
        database.cutOff(TestDatabases.unreachablePostgres());
        assertOutage(timed(() -> node.authenticate(key.plaintext(), "u-1")));

        database.restore();
        Http.Response authenticate = node.authenticate(key.plaintext(), "u-1");
        Http.Response launch = node.createQuote((String) json(authenticate).get("access_token"));

        assertEquals(200, authenticate.status(), authenticate::body);
        assertEquals(200, launch.status(), launch::body);
    }

    private void start(Containers container) {
        node = MultiNodeFixture.start(container, MultiNodeFixture.partnerAuth(database, clock, QUERY_TIMEOUT));
    }

    /**
     * A PostgreSQL data source whose server accepts the TCP connection and then never says a word,
     * as a hung server or a black-holing firewall does; only the driver's timeouts end the wait.
     */
    private DataSource silentPostgres() throws IOException {
        silentServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {silentServer.getInetAddress().getHostAddress()});
        ds.setPortNumbers(new int[] {silentServer.getLocalPort()});
        ds.setDatabaseName("test");
        ds.setUser(TestDatabases.POSTGRES_USER);
        ds.setConnectTimeout(1);
        ds.setLoginTimeout(1);
        ds.setSocketTimeout(1);
        return ds;
    }

    /** Runs a call, failing the test unless it answers {@link #PROMPTLY}. */
    private static Http.Response timed(Supplier<Http.Response> call) {
        long start = System.nanoTime();
        Http.Response r = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(PROMPTLY) < 0, () -> "answered after " + took.toMillis() + " ms");
        return r;
    }

    private static void assertOutage(Http.Response r) {
        assertEquals(503, r.status(), r::body);
        assertEquals("5", r.header("Retry-After").orElse(null), "Retry-After");
        assertEquals("no-store", r.header("Cache-Control").orElse(null), "Cache-Control");
        assertEquals(List.of("SERVICE_UNAVAILABLE"), errorCodes(r));
        assertEquals(List.of(OUTAGE_MESSAGE), messages(r));
    }
}
