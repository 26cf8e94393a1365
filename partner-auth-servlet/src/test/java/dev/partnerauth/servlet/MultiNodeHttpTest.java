package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.MultiNodeFixture.errorCodes;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.internal.jdbc.StoreDatabase;
import dev.partnerauth.servlet.MultiNodeFixture.CreatedKey;
import dev.partnerauth.servlet.MultiNodeFixture.Node;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes of one deployment, as behind a load balancer: node A on Jetty and node B on Tomcat,
 * each with its own {@link dev.partnerauth.PartnerAuth} built from the same pepper and public base
 * URL, sharing nothing but the database. Whatever one node learns or changes must hold on the
 * other with no configuration beyond the data source (signing keys included): single use at once,
 * and keys, settings and users once the other node's copy is 1 s old (its read cache's default).
 */
class MultiNodeHttpTest {
    private static final int CONSUMERS = 200;

    /** Both nodes read one time, as NTP-synchronised machines do; nothing here depends on it moving. */
    private final MutableClock clock = new MutableClock();
    private DataSource database;
    private DataSource databaseOfB;
    private Node a;
    private Node b;

    /** The databases the JDBC stores support, each shared by the two nodes. */
    enum Database {
        POSTGRESQL(TestDatabases::postgresWithSchema, first -> first),
        MARIADB(TestDatabases::mariaDbWithSchema, first -> first),
        /** An in-memory database kept open (DB_CLOSE_DELAY=-1) that node B reaches through its own data source. */
        H2(TestDatabases::h2WithSchema, first -> {
            JdbcDataSource second = new JdbcDataSource();
            second.setURL(((JdbcDataSource) first).getURL());
            return second;
        });

        private final Callable<DataSource> create;
        private final Function<DataSource, DataSource> secondNode;

        Database(Callable<DataSource> create, Function<DataSource, DataSource> secondNode) {
            this.create = create;
            this.secondNode = secondNode;
        }
    }

    @AfterEach
    void stopNodesAndDropDatabase() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (database != null) {
            TestDatabases.drop(database);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void tokenWhenMintedOnOneNodeThenConsumedOnceOnTheOtherAndReplayRefused(Database db) throws Exception {
        startBoth(db);
        CreatedKey key = a.createKey("Acme PRM");
        a.enable();
        String token = a.accessToken(key.plaintext(), "u-1");

        Http.Response consumed = b.createQuote(token);
        Http.Response replayed = a.createQuote(token);

        assertEquals(200, consumed.status(), consumed::body);
        assertTrue(((String) json(consumed).get("url")).startsWith(
                "https://cpq.example.com/cpq/opportunities/" + MultiNodeFixture.OPPORTUNITY_ID + "/quotes/new?launch="),
                consumed::body);
        assertEquals(403, replayed.status(), replayed::body);
        assertEquals(List.of("UNAUTHENTICATED"), errorCodes(replayed));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void tokenWhenConsumedConcurrentlyOnBothNodesThenExactlyOneSucceeds(Database db) throws Exception {
        startBoth(db);
        CreatedKey key = a.createKey("Acme PRM");
        a.enable();
        String token = b.accessToken(key.plaintext(), "u-1");

        Map<Integer, Integer> statuses = consumeConcurrently(token);

        assertEquals(1, statuses.get(200), statuses::toString);
        // the losers are refused: 403, or 429 once a node's token throttle (60 a minute) is passed
        assertEquals(CONSUMERS - 1, statuses.getOrDefault(403, 0) + statuses.getOrDefault(429, 0), statuses::toString);
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void keyWhenCreatedOnOneNodeThenAuthenticatesOnTheOther(Database db) throws Exception {
        startBoth(db);
        a.enable();
        CreatedKey key = a.createKey("Acme PRM");

        Http.Response r = b.authenticate(key.plaintext(), "u-1");

        assertEquals(200, r.status(), r::body);
        Http.Response seenOnB = b.admin("GET", "keys/" + key.id(), null);
        assertEquals(200, seenOnB.status(), seenOnB::body);
        assertNotEquals(null, json(seenOnB).get("last_used_at"), seenOnB::body);
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void keyWhenDeletedOnOneNodeThenItsOutstandingTokenRefusedOnTheOtherWithinOneSecond(Database db) throws Exception {
        startBoth(db);
        a.enable();
        CreatedKey key = a.createKey("Acme PRM");
        String token = a.accessToken(key.plaintext(), "u-1");

        Http.Response deleted = b.admin("DELETE", "keys/" + key.id(), null);
        clock.advance(Duration.ofSeconds(1)); // A's copy of the key is as old as the read cache keeps one
        Http.Response launch = a.createQuote(token);
        Http.Response authenticate = a.authenticate(key.plaintext(), "u-1");

        assertEquals(204, deleted.status(), deleted::body);
        assertEquals(403, launch.status(), launch::body);
        assertEquals(List.of("UNAUTHENTICATED"), errorCodes(launch));
        assertEquals(403, authenticate.status(), authenticate::body);
        assertEquals(List.of("FORBIDDEN"), errorCodes(authenticate));
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void settingsWhenChangedOnOneNodeThenApplyOnTheOther(Database db) throws Exception {
        startBoth(db);
        CreatedKey key = a.createKey("Acme PRM");
        a.enable();
        assertEquals(200, b.authenticate(key.plaintext(), "u-1").status());

        Http.Response disabled = a.admin("PUT", "settings",
                "{\"enabled\":false,\"allowed_origins\":[\"https://prm.partner.example\"]}");
        clock.advance(Duration.ofSeconds(1)); // B's copy of the settings is as old as the read cache keeps one
        Http.Response refusedOnB = b.authenticate(key.plaintext(), "u-1");
        Http.Response settingsOnB = b.admin("GET", "settings", null);

        assertEquals(200, disabled.status(), disabled::body);
        assertEquals(403, refusedOnB.status(), refusedOnB::body);
        assertEquals(false, json(settingsOnB).get("enabled"), settingsOnB::body);
        assertEquals("SALESFORCE", json(settingsOnB).get("crm"), settingsOnB::body);
        assertEquals(List.of("https://prm.partner.example"), json(settingsOnB).get("allowed_origins"), settingsOnB::body);
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void authenticatorWhenDisabledOnOneNodeThenTokensOfTheOtherStayRefusedAfterReEnabling(Database db) throws Exception {
        startBoth(db);
        CreatedKey key = a.createKey("Acme PRM");
        a.enable();
        String token = b.accessToken(key.plaintext(), "u-1");

        assertEquals(200, a.admin("PUT", "settings", "{\"enabled\":false}").status());
        a.enable();
        Http.Response r = b.createQuote(token);

        assertEquals(403, r.status(), r::body);
        assertEquals(List.of("UNAUTHENTICATED"), errorCodes(r));
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void nodesWhenBothRestartedThenKeysAndSettingsSurvive(Database db) throws Exception {
        startBoth(db);
        CreatedKey key = a.createKey("Acme PRM");
        assertEquals(200, b.admin("PUT", "settings", "{\"enabled\":true,\"crm\":\"DYNAMICS\","
                + "\"allowed_origins\":[\"https://prm.partner.example\"]}").status());

        restartBoth();
        Http.Response settings = a.admin("GET", "settings", null);
        String token = b.accessToken(key.plaintext(), "u-1");
        Http.Response launch = a.createQuote(token);

        assertEquals(Map.of("enabled", true, "crm", "DYNAMICS", "allowed_origins", List.of("https://prm.partner.example"),
                "errors", List.of()), json(settings));
        assertEquals(200, launch.status(), launch::body);
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void tokenWhenMintedBeforeBothNodesRestartedThenStillRedeemableOnceAfter(Database db) throws Exception {
        startBoth(db);
        CreatedKey key = a.createKey("Acme PRM");
        a.enable();
        String token = a.accessToken(key.plaintext(), "u-1");

        restartBoth();
        Http.Response first = b.createQuote(token);
        Http.Response replay = a.createQuote(token);

        assertEquals(200, first.status(), first::body);
        assertEquals(403, replay.status(), replay::body);
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void signingKeyWhenBothNodesMintTheirFirstTokensAtOnceThenOneKeyIsSharedByBoth(Database db) throws Exception {
        startBoth(db);
        CreatedKey key = a.createKey("Acme PRM");
        a.enable();

        List<String> tokens = race(List.of(() -> a.accessToken(key.plaintext(), "u-a"),
                () -> b.accessToken(key.plaintext(), "u-b")));
        Http.Response aTokenOnB = b.createQuote(tokens.get(0));
        Http.Response bTokenOnA = a.createQuote(tokens.get(1));

        assertEquals(200, aTokenOnB.status(), aTokenOnB::body);
        assertEquals(200, bTokenOnA.status(), bTokenOnA::body);
        assertEquals(1, count("SELECT COUNT(*) FROM partner_auth_signing_keys"));
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void signingKeyWhenRotatedOnOneNodeAndOldKeyRetiredThenTokensMintedOnTheOtherStillAccepted(Database db) throws Exception {
        startBoth(db);
        CreatedKey key = a.createKey("Acme PRM");
        a.enable();
        a.accessToken(key.plaintext(), "u-a");
        b.accessToken(key.plaintext(), "u-b");

        clock.advance(Duration.ofSeconds(1));
        a.auth().rotateSigningKey();
        // the housekeeping a host schedules, two token lifetimes after the rotation: the old key goes
        clock.advance(a.auth().tokenLifetime().multipliedBy(2));
        a.auth().purgeExpired(1000);
        String token = b.accessToken(key.plaintext(), "u-b");
        Http.Response r = a.createQuote(token);

        assertEquals(1, count("SELECT COUNT(*) FROM partner_auth_signing_keys"));
        assertEquals(200, r.status(), r::body);
    }

    /** Signs {@code userId} in on node B (token and landing there); answers B's session cookie. */
    private String signedInOnB(CreatedKey key, String userId) {
        Http.Response launched = b.createQuote(b.accessToken(key.plaintext(), userId));
        assertEquals(200, launched.status(), launched::body);
        Http.Response landed = Http.plain().navigate(b.uri(PartnerAuthFixture.pathAndQuery((String) json(launched).get("url"))));
        assertEquals(303, landed.status(), landed::body);
        return PartnerAuthFixture.sessionCookie(landed).orElseThrow();
    }

    private String whoAmIOnB(String cookie) {
        return Http.plain().get(b.uri(MultiNodeFixture.WHO_AM_I), Map.of("Cookie", cookie)).body();
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void sessionWhenKeyDeletedOnOneNodeThenEndedOnTheOtherWithinFiveSeconds(Database db) throws Exception {
        startBoth(db);
        a.enable();
        CreatedKey key = a.createKey("Acme PRM");
        String session = signedInOnB(key, "user-1");
        assertTrue(whoAmIOnB(session).endsWith(":user-1"), whoAmIOnB(session));

        assertEquals(204, a.admin("DELETE", "keys/" + key.id(), null).status());
        clock.advance(Duration.ofMillis(4999));
        String withinBound = whoAmIOnB(session);
        clock.advance(Duration.ofMillis(1));
        String atBound = whoAmIOnB(session);

        assertTrue(withinBound.endsWith(":user-1"), "B asks the database at most once per 5 s, not on every request");
        assertEquals("", atBound, "5 s after the deletion on A, B's session is anonymous");
        assertTrue(b.auth().recentAuditEvents(20).stream().anyMatch(e -> e.type() == AuditEventType.SESSION_ENDED
                && "KEY_REVOKED".equals(e.reason()) && key.id().equals(e.keyId())));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void sessionWhenUserDisabledOrAuthenticatorOffOnOneNodeThenEndedOnTheOther(Database db) throws Exception {
        startBoth(db);
        a.enable();
        CreatedKey key = a.createKey("Acme PRM");
        String first = signedInOnB(key, "user-1");
        String second = signedInOnB(key, "user-2");

        String partner = a.auth().key(new dev.partnerauth.key.KeyId(key.id())).partnerId().value();
        assertEquals(200, a.admin("PUT", "users/" + partner + "/user-1", "{\"enabled\":false}").status());
        clock.advance(Duration.ofSeconds(5));
        String firstAfterDisable = whoAmIOnB(first);
        String secondAfterDisable = whoAmIOnB(second);
        assertEquals(200, a.admin("PUT", "settings", "{\"enabled\":false,\"crm\":\"SALESFORCE\"}").status());
        clock.advance(Duration.ofSeconds(5));

        assertEquals("", firstAfterDisable);
        assertTrue(secondAfterDisable.endsWith(":user-2"), "only the disabled user's session ends");
        assertEquals("", whoAmIOnB(second));
    }

    /**
     * Sticky sessions: the user's browser stays on B, the PRM's backend reaches A. The sign-out
     * sent to A ends the user's session on B within 5 s, the other user's stays, and the user's
     * next sign-in (on B, whose copy of the user is from before the sign-out) stands at once.
     */
    @ParameterizedTest
    @EnumSource(Database.class)
    void signOutWhenSentToOneNodeThenSessionOnTheOtherEndedWithinFiveSecondsAndColleagueStays(Database db) throws Exception {
        startBoth(db);
        a.enable();
        CreatedKey key = a.createKey("Acme PRM");
        String leaving = signedInOnB(key, "user-1");
        String colleague = signedInOnB(key, "user-2");
        String outstanding = b.accessToken(key.plaintext(), "user-1");
        assertTrue(whoAmIOnB(leaving).endsWith(":user-1"));

        Http.Response signedOut = a.partnerCall("signout/user", key.plaintext(), "user-1");
        assertEquals(200, signedOut.status(), signedOut::body);
        clock.advance(Duration.ofSeconds(1));
        Http.Response refused = b.createQuote(outstanding);
        clock.advance(Duration.ofMillis(3999));
        String withinBound = whoAmIOnB(leaving);
        clock.advance(Duration.ofMillis(1));

        assertEquals(403, refused.status(), "a token minted before the sign-out is refused on the other node within 1 s");
        assertTrue(withinBound.endsWith(":user-1"), "B may answer from what it read up to 5 s before");
        assertEquals("", whoAmIOnB(leaving), "5 s after the sign-out on A, B's session is anonymous");
        assertTrue(whoAmIOnB(colleague).endsWith(":user-2"), "another user of the same partner stays signed in");
        assertTrue(b.auth().recentAuditEvents(20).stream().anyMatch(e -> e.type() == AuditEventType.SESSION_ENDED
                && "USER_SIGNED_OUT".equals(e.reason()) && "user-1".equals(e.userId())));
        String again = signedInOnB(key, "user-1");
        assertTrue(whoAmIOnB(again).endsWith(":user-1"), "the user signs in again at once");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void deactivateWhenSentToOneNodeThenOtherRefusesTheUserUntilReactivated(Database db) throws Exception {
        startBoth(db);
        a.enable();
        CreatedKey key = a.createKey("Acme PRM");
        String session = signedInOnB(key, "user-1");

        assertEquals(200, a.partnerCall("deactivate/user", key.plaintext(), "user-1").status());
        clock.advance(Duration.ofSeconds(5));

        assertEquals("", whoAmIOnB(session));
        assertEquals(403, b.authenticate(key.plaintext(), "user-1").status());
        assertEquals(200, b.partnerCall("activate/user", key.plaintext(), "user-1").status());
        assertTrue(whoAmIOnB(signedInOnB(key, "user-1")).endsWith(":user-1"));
    }

    private void startBoth(Database db) throws Exception {
        database = db.create.call();
        databaseOfB = db.secondNode.apply(database);
        startNodes();
    }

    /** Stops both containers and starts new ones with fresh PartnerAuth objects on the same database. */
    private void restartBoth() {
        a.close();
        b.close();
        a = null;
        b = null;
        startNodes();
    }

    private void startNodes() {
        // the host's one call: every store on the data source, nothing else configured
        a = MultiNodeFixture.start(Containers.JETTY, MultiNodeFixture.onDatabase(database, clock));
        b = MultiNodeFixture.start(Containers.TOMCAT, MultiNodeFixture.onDatabase(databaseOfB, clock));
    }

    /** Presents one token {@value #CONSUMERS} times at once, alternating nodes; counts the statuses. */
    private Map<Integer, Integer> consumeConcurrently(String token) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < CONSUMERS; i++) {
            Node node = i % 2 == 0 ? a : b;
            calls.add(() -> node.createQuote(token).status());
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int status : race(calls)) {
            statuses.merge(status, 1, Integer::sum);
        }
        return statuses;
    }

    /** Runs the calls from as many threads, released together; answers their results in order. */
    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(20, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
