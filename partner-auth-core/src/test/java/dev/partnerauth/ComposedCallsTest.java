package dev.partnerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.PresentedKey;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.user.UserInformation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster configuration ({@code database(dataSource)} with every store the library's own): each
 * Partner API call reads once and writes once, its audit event inside the write; single use holds
 * through two nodes; an audit event that cannot be written fails the call with nothing else written.
 */
class ComposedCallsTest {
    private static final KeyPepper PEPPER = KeyPepper.of(new byte[32]);
    private static final InetAddress PRM = InetAddress.getLoopbackAddress();
    private static final int RACERS = 100;

    enum Database { H2, POSTGRESQL, MARIADB }

    private final MutableClock clock = new MutableClock();
    private final List<DataSource> databases = new ArrayList<>();

    @AfterEach
    void drop() {
        databases.forEach(TestDatabases::drop);
    }

    private DataSource empty(Database which) {
        DataSource db = switch (which) {
            case H2 -> TestDatabases.h2();
            case POSTGRESQL -> TestDatabases.freshPostgresSchema();
            case MARIADB -> TestDatabases.freshMariaDbDatabase();
        };
        databases.add(db);
        return db;
    }

    private PartnerAuth.Builder node(DataSource db) {
        // the racers all come from one address: their refusals must not be answered 429 instead
        return PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(URI.create("https://cpq.example.com"))
                .clock(clock).ticker(clock.ticker()).slf4jAudit(false).tokenFailureLimit(10 * RACERS).database(db);
    }

    private static IssuedKey enableAndCreateKey(PartnerAuth node) {
        node.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        return node.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");
    }

    private static AuthenticateRequest signIn(IssuedKey key, String userId) {
        return new AuthenticateRequest(PresentedKey.of(key.plaintext()), new UserInformation(userId, userId,
                userId + "@partner.example", "Partner " + userId, null, null, null, null, null, null, null, null,
                null, null, null));
    }

    private static final LaunchRequest OPEN = new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "006A", null);

    private static String codeOf(Launch launch) {
        return launch.url().getRawQuery().substring("launch=".length());
    }

    private static long count(DataSource db, String where) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long events(DataSource db, String type) throws Exception {
        return count(db, "partner_auth_audit_events WHERE type = '" + type + "'");
    }

    /** Runs {@code call} on {@link #RACERS} threads released at once; returns how many returned normally. */
    private static int race(Function<Integer, Callable<Object>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Callable<Object> one = call.apply(i);
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return one.call() != null;
                    } catch (UnauthenticatedException e) {
                        assertEquals(UnauthenticatedException.Reason.ALREADY_USED, e.reason());
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> r : results) {
                won += r.get(120, TimeUnit.SECONDS) ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void launchWhenHundredRequestsRaceThroughTwoNodesThenOneWinnerOneCodeOneAcceptedEvent(Database which) throws Exception {
        DataSource db = empty(which);
        PartnerAuth a = node(db).build();
        PartnerAuth b = node(db).build();
        IssuedKey key = enableAndCreateKey(a);
        String token = a.authenticate(signIn(key, "u-1"), PRM).value();

        int won = race(i -> () -> (i % 2 == 0 ? a : b).launch(OPEN, token, PRM));

        assertEquals(1, won);
        assertEquals(1, count(db, "partner_auth_grants WHERE kind = 'LAUNCH_CODE'"));
        assertEquals(0, count(db, "partner_auth_grants WHERE kind = 'ACCESS_TOKEN'"));
        assertEquals(1, events(db, "TOKEN_ACCEPTED"));
        assertEquals(RACERS - 1, events(db, "TOKEN_REFUSED"), "every loser audited as refused");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void landingWhenHundredRequestsRaceThroughTwoNodesThenOneSessionOneAcceptedEvent(Database which) throws Exception {
        DataSource db = empty(which);
        PartnerAuth a = node(db).build();
        PartnerAuth b = node(db).build();
        IssuedKey key = enableAndCreateKey(a);
        String code = codeOf(b.launch(OPEN, a.authenticate(signIn(key, "u-1"), PRM).value(), PRM));

        int won = race(i -> () -> (i % 2 == 0 ? a : b).redeemLaunchCode(code, PRM));

        assertEquals(1, won);
        assertEquals(0, count(db, "partner_auth_grants"));
        assertEquals(1, events(db, "LAUNCH_ACCEPTED"));
        assertEquals(RACERS - 1, events(db, "LAUNCH_REFUSED"));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void authenticateWhenSignedOutOnAnotherNodeSinceThisNodeReadTheUserThenTokenInTheStoredGeneration(Database which) {
        DataSource db = empty(which);
        PartnerAuth a = node(db).cacheStoreReads(Duration.ofMinutes(1)).build();
        PartnerAuth b = node(db).build();
        IssuedKey key = enableAndCreateKey(a);
        a.authenticate(signIn(key, "u-1"), PRM);
        a.authenticate(signIn(key, "u-1"), PRM); // a now keeps the user, in generation 0
        b.signOutUser(key.metadata().partnerId(), "u-1", "admin");

        String token = a.authenticate(signIn(key, "u-1"), PRM).value();

        assertNotNull(b.redeemLaunchCode(codeOf(b.launch(OPEN, token, PRM)), PRM),
                "minted again in generation 1, so not refused as signed out");
    }

    /**
     * The redemption reads the key and the user with its grant, whatever this node's read cache
     * holds: a token of a user signed out, or of a key deleted, on another node a moment ago is
     * refused before the host's authorizer is asked (which may record a claim, as the demo's does).
     * A cheaper redemption read of the grant alone, the key and user taken from the 1 s cache, would
     * fail here: measured for the database's half on 2026-12-08 and not made.
     */
    @ParameterizedTest
    @EnumSource(Database.class)
    void launchWhenSignedOutOrKeyDeletedOnAnotherNodeAMomentAgoThenRefusedBeforeTheAuthorizerIsAsked(
            Database which) throws Exception {
        DataSource db = empty(which);
        List<String> asked = new CopyOnWriteArrayList<>();
        LaunchAuthorizer recording = (partner, user, request) -> {
            asked.add(user.userId());
            return new LaunchAuthorizer.Allowed();
        };
        PartnerAuth a = node(db).launchAuthorizer(recording).build(); // the default read cache: 1 s
        PartnerAuth b = node(db).build();
        IssuedKey key = enableAndCreateKey(a);
        IssuedKey other = a.createKey("Other PRM", IpAllowlist.ANY, null, "admin");
        String signedOut = a.authenticate(signIn(key, "u-1"), PRM).value(); // a holds settings, key and user now
        String ofDeletedKey = a.authenticate(signIn(other, "u-2"), PRM).value();
        b.signOutUser(key.metadata().partnerId(), "u-1", "admin");
        b.deleteKey(other.metadata().id(), "admin");
        clock.advance(Duration.ofMillis(1));

        UnauthenticatedException refused = assertThrows(UnauthenticatedException.class, () -> a.launch(OPEN, signedOut, PRM));
        UnauthenticatedException revoked = assertThrows(UnauthenticatedException.class, () -> a.launch(OPEN, ofDeletedKey, PRM));

        assertEquals(UnauthenticatedException.Reason.USER_SIGNED_OUT, refused.reason());
        assertEquals(UnauthenticatedException.Reason.KEY_REVOKED, revoked.reason());
        assertEquals(List.of(), asked);
        assertEquals(0, events(db, "TOKEN_ACCEPTED"));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void authenticateWhenUserDisabledOnAnotherNodeThenRefusedAtOnceAndNoGrantSaved(Database which) throws Exception {
        DataSource db = empty(which);
        PartnerAuth a = node(db).cacheStoreReads(Duration.ofMinutes(1)).build();
        PartnerAuth b = node(db).build();
        IssuedKey key = enableAndCreateKey(a);
        a.redeemLaunchCode(codeOf(a.launch(OPEN, a.authenticate(signIn(key, "u-1"), PRM).value(), PRM)), PRM);
        a.authenticate(signIn(key, "u-1"), PRM);
        long grantsBefore = count(db, "partner_auth_grants");
        b.setUserEnabled(key.metadata().partnerId(), "u-1", false, "admin");

        ForbiddenException refused = assertThrows(ForbiddenException.class, () -> a.authenticate(signIn(key, "u-1"), PRM));

        assertEquals(ForbiddenException.Reason.USER_DISABLED, refused.reason());
        assertEquals(grantsBefore, count(db, "partner_auth_grants"));
        assertEquals(1, count(db, "partner_auth_audit_events WHERE type = 'AUTHENTICATE_REFUSED' AND reason = 'USER_DISABLED'"));
    }

    @Test
    void authenticateWhenAuditTableDroppedThenStoreUnavailableAndNoToken() throws Exception {
        DataSource db = empty(Database.H2);
        PartnerAuth node = node(db).build();
        IssuedKey key = enableAndCreateKey(node);
        String earlier = node.authenticate(signIn(key, "u-1"), PRM).value();
        TestDatabases.execute(db, "DROP TABLE partner_auth_audit_events");

        assertThrows(StoreUnavailableException.class, () -> node.authenticate(signIn(key, "u-2"), PRM));
        assertThrows(StoreUnavailableException.class, () -> node.launch(OPEN, earlier, PRM));

        assertEquals(1, count(db, "partner_auth_grants WHERE kind = 'ACCESS_TOKEN'"), "the earlier token, unspent");
        assertEquals(0, count(db, "partner_auth_grants WHERE kind = 'LAUNCH_CODE'"));
        assertEquals(0, count(db, "partner_auth_users WHERE user_id = 'u-2'"), "the user's upsert rolled back too");
    }

    @ParameterizedTest
    @EnumSource(value = Database.class, names = {"POSTGRESQL", "MARIADB"})
    void callsWhenAuditInsertRefusedThenStoreUnavailableAndNothingWritten(Database which) throws Exception {
        DataSource db = empty(which);
        PartnerAuth node = node(db).build();
        IssuedKey key = enableAndCreateKey(node);
        String token = node.authenticate(signIn(key, "u-1"), PRM).value();
        String code = codeOf(node.launch(OPEN, node.authenticate(signIn(key, "u-1"), PRM).value(), PRM));
        long eventsBefore = count(db, "partner_auth_audit_events");
        if (which == Database.POSTGRESQL) {
            TestDatabases.execute(db, "CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN"
                    + " RAISE EXCEPTION 'audit refused'; END $$ LANGUAGE plpgsql");
            TestDatabases.execute(db, "CREATE TRIGGER refuse_audit BEFORE INSERT ON partner_auth_audit_events"
                    + " FOR EACH ROW EXECUTE FUNCTION refuse_audit()");
        } else {
            TestDatabases.execute(db, "CREATE TRIGGER refuse_audit BEFORE INSERT ON partner_auth_audit_events"
                    + " FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit refused'");
        }

        assertThrows(StoreUnavailableException.class, () -> node.authenticate(signIn(key, "u-2"), PRM));
        assertThrows(StoreUnavailableException.class, () -> node.launch(OPEN, token, PRM));
        assertThrows(StoreUnavailableException.class, () -> node.redeemLaunchCode(code, PRM));
        assertThrows(StoreUnavailableException.class, () -> node.authenticate(
                new AuthenticateRequest(PresentedKey.of(key.plaintext() + "x"), signIn(key, "u-1").user()), PRM),
                "a refusal whose event cannot be written fails too");

        assertEquals(0, count(db, "partner_auth_users WHERE user_id = 'u-2'"));
        assertEquals(1, count(db, "partner_auth_grants WHERE kind = 'ACCESS_TOKEN'"), "the token, unspent");
        assertEquals(1, count(db, "partner_auth_grants WHERE kind = 'LAUNCH_CODE'"), "the code, unspent, no new one");
        assertEquals(eventsBefore, count(db, "partner_auth_audit_events"));
    }

    /** The test pool with each connection set to {@code isolation}, as a host's pool may be. */
    private static DataSource withIsolation(DataSource db, int isolation) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(db, args);
                        if (result instanceof Connection c) {
                            c.setTransactionIsolation(isolation);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE})
    void launchWhenRacersOnRepeatableReadPoolThenLosersRefusedAsUsedNotUnavailable(int isolation) throws Exception {
        DataSource db = withIsolation(empty(Database.POSTGRESQL), isolation);
        PartnerAuth a = node(db).build();
        PartnerAuth b = node(db).build();
        IssuedKey key = enableAndCreateKey(a);
        String token = a.authenticate(signIn(key, "u-1"), PRM).value();

        int won = race(i -> () -> (i % 2 == 0 ? a : b).launch(OPEN, token, PRM));

        assertEquals(1, won, "the others were refused ALREADY_USED (race() fails on any other answer)");
        assertEquals(1, events(db, "TOKEN_ACCEPTED"));
        assertEquals(1, count(db, "partner_auth_grants WHERE kind = 'LAUNCH_CODE'"));
    }

    @Test
    void authenticateWhenUserRowDeletedByHandSinceThisNodeReadItThenProvisionedAgain() throws Exception {
        DataSource db = empty(Database.H2);
        PartnerAuth node = node(db).cacheStoreReads(Duration.ofMinutes(1)).build();
        IssuedKey key = enableAndCreateKey(node);
        node.authenticate(signIn(key, "u-1"), PRM);
        node.authenticate(signIn(key, "u-1"), PRM); // the node now keeps the user
        TestDatabases.execute(db, "DELETE FROM partner_auth_users");

        String token = node.authenticate(signIn(key, "u-1"), PRM).value();

        assertEquals(1, count(db, "partner_auth_users WHERE user_id = 'u-1'"));
        assertNotNull(node.launch(OPEN, token, PRM));
    }
}
