package dev.partnerauth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.PresentedKey;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.testing.StatementLog;
import dev.partnerauth.testing.SwitchableDataSource;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.user.PartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two nodes on one database with the read cache of {@code database(...)} at its default (SPEC §5):
 * a change made on node A is still not seen by node B 999 ms after B read what it changed, and is
 * seen from 1 s on; a change made on B is seen on B at once; with the cache off, B reads every
 * time. On H2, PostgreSQL and MariaDB, each node with its own caches and the test's clock.
 */
class ClusterReadCacheTest {
    private static final KeyPepper PEPPER = KeyPepper.of(new byte[32]);
    private static final InetAddress PRM = InetAddress.getLoopbackAddress();

    enum Database { H2, POSTGRESQL, MARIADB }

    /** What an administrator changes, through one node or the other. */
    enum Change {
        KEY_DELETED(ForbiddenException.Reason.KEY_UNKNOWN),
        USER_DISABLED(ForbiddenException.Reason.USER_DISABLED),
        AUTHENTICATOR_SWITCHED_OFF(ForbiddenException.Reason.AUTHENTICATOR_DISABLED);

        final ForbiddenException.Reason refusal;

        Change(ForbiddenException.Reason refusal) {
            this.refusal = refusal;
        }

        void makeOn(PartnerAuth node, IssuedKey key) {
            switch (this) {
                case KEY_DELETED -> node.deleteKey(key.metadata().id(), "admin");
                case USER_DISABLED -> node.setUserEnabled(key.metadata().partnerId(), "u-1", false, "admin");
                case AUTHENTICATOR_SWITCHED_OFF -> node.updateSettings(
                        new AuthenticatorSettings(false, CrmSystem.SALESFORCE, List.of()), "admin");
            }
        }
    }

    static Stream<Arguments> everyChangeOnEveryDatabase() {
        List<Arguments> all = new ArrayList<>();
        for (Database d : Database.values()) {
            for (Change c : Change.values()) {
                all.add(Arguments.of(d, c));
            }
        }
        return all.stream();
    }

    private final MutableClock clock = new MutableClock();
    private DataSource db;

    @AfterEach
    void drop() {
        if (db != null) {
            TestDatabases.drop(db);
        }
    }

    private DataSource database(Database which) {
        db = switch (which) {
            case H2 -> TestDatabases.h2();
            case POSTGRESQL -> TestDatabases.freshPostgresSchema();
            case MARIADB -> TestDatabases.freshMariaDbDatabase();
        };
        return db;
    }

    private PartnerAuth node(DataSource ds) {
        return node(ds, b -> b);
    }

    private PartnerAuth node(DataSource ds, UnaryOperator<PartnerAuth.Builder> more) {
        return more.apply(PartnerAuth.builder().keyPepper(PEPPER).publicBaseUrl(URI.create("https://cpq.example.com"))
                .clock(clock).ticker(clock.ticker()).slf4jAudit(false).database(ds)).build();
    }

    private static IssuedKey enableAndCreateKey(PartnerAuth node) {
        node.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        return node.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");
    }

    private static AuthenticateRequest signIn(IssuedKey key, String userId) {
        return new AuthenticateRequest(PresentedKey.of(key.plaintext()), new UserInformation(userId, "login-" + userId,
                userId + "@partner.example", "User " + userId, null, null, null, null, null, null, null, null, null,
                null, null));
    }

    private static void assertRefused(ForbiddenException.Reason reason, Runnable call) {
        ForbiddenException refused = assertThrows(ForbiddenException.class, call::run);
        assertEquals(reason, refused.reason());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyChangeOnEveryDatabase")
    void changeOnAnotherNodeThenRefusedWithinOneSecondOfTheRead(Database which, Change change) {
        DataSource ds = database(which);
        PartnerAuth a = node(ds);
        PartnerAuth b = node(ds);
        IssuedKey key = enableAndCreateKey(a);
        b.authenticate(signIn(key, "u-1"), PRM); // B reads the settings, the key and the user

        change.makeOn(a, key);

        clock.advance(Duration.ofMillis(999));
        if (change == Change.USER_DISABLED) {
            // sooner than the cache allows: the sign-in's one write grants only to a user row that is
            // enabled and active when it is written, whatever B's copy says
            assertRefused(change.refusal, () -> b.authenticate(signIn(key, "u-1"), PRM));
        } else {
            assertDoesNotThrow(() -> b.authenticate(signIn(key, "u-1"), PRM), "B answers from what it read 999 ms ago");
        }
        clock.advance(Duration.ofMillis(1));
        assertRefused(change.refusal, () -> b.authenticate(signIn(key, "u-1"), PRM));
        assertRefused(change.refusal, () -> a.authenticate(signIn(key, "u-1"), PRM));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyChangeOnEveryDatabase")
    void changeOnThisNodeThenRefusedOnThisNodeAtOnce(Database which, Change change) {
        DataSource ds = database(which);
        PartnerAuth a = node(ds);
        PartnerAuth b = node(ds);
        IssuedKey key = enableAndCreateKey(a);
        b.authenticate(signIn(key, "u-1"), PRM);

        change.makeOn(b, key);

        assertRefused(change.refusal, () -> b.authenticate(signIn(key, "u-1"), PRM));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void cacheStoreReadsZeroWhenChangedOnAnotherNodeThenRefusedAtOnceAndEveryCallReads(Database which) {
        DataSource ds = database(which);
        StatementLog ofB = new StatementLog(ds);
        PartnerAuth a = node(ds);
        PartnerAuth b = node(ofB, builder -> builder.cacheStoreReads(Duration.ZERO));
        IssuedKey key = enableAndCreateKey(a);
        b.authenticate(signIn(key, "u-1"), PRM);

        ofB.clear();
        b.authenticate(signIn(key, "u-1"), PRM);
        b.authenticate(signIn(key, "u-1"), PRM);
        assertEquals(6, ofB.reads().size(), () -> "settings, key and user, each time: " + ofB.executed());

        a.setUserEnabled(key.metadata().partnerId(), "u-1", false, "admin");
        assertRefused(ForbiddenException.Reason.USER_DISABLED, () -> b.authenticate(signIn(key, "u-1"), PRM));
        a.deleteKey(key.metadata().id(), "admin");
        assertRefused(ForbiddenException.Reason.KEY_UNKNOWN, () -> b.authenticate(signIn(key, "u-1"), PRM));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void authenticateWhenColdOnAKnownUserThenOneReadBeforeTheWritesAndWhenWarmNone(Database which) {
        DataSource ds = database(which);
        StatementLog ofB = new StatementLog(ds);
        PartnerAuth a = node(ds);
        PartnerAuth b = node(ofB);
        IssuedKey key = enableAndCreateKey(a);
        a.authenticate(signIn(key, "u-1"), PRM); // u-1 is known, signed in a moment ago
        b.authenticate(signIn(key, "u-warm-up"), PRM); // B has its signing keys
        clock.advance(PartnerAuth.Builder.DEFAULT_DATABASE_CACHE_STORE_READS); // and nothing else it read is current

        ofB.clear();
        b.authenticate(signIn(key, "u-1"), PRM);
        List<String> cold = ofB.executed();
        ofB.clear();
        b.authenticate(signIn(key, "u-1"), PRM);
        List<String> warm = ofB.executed();

        assertEquals(1, cold.stream().filter(StatementLog::isRead).count(), () -> "cold: " + cold);
        assertTrue(StatementLog.isRead(cold.get(0)), () -> "the read comes first: " + cold);
        assertTrue(cold.size() > 1, () -> "then the writes (the grant, the audit event): " + cold);
        assertEquals(0, warm.stream().filter(StatementLog::isRead).count(), () -> "warm: " + warm);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void authenticateWhenColdOnAUserLastSignedInLongAgoThenOneReadThenTheSignInTimeWrittenWithoutAnotherRead(
            Database which) {
        DataSource ds = database(which);
        StatementLog ofB = new StatementLog(ds);
        PartnerAuth a = node(ds);
        PartnerAuth b = node(ofB);
        IssuedKey key = enableAndCreateKey(a);
        a.authenticate(signIn(key, "u-1"), PRM);
        clock.advance(PartnerUserStore.SIGN_IN_RESOLUTION.plusMinutes(1)); // u-1's recorded sign-in is due again
        b.authenticate(signIn(key, "u-warm-up"), PRM); // B has its signing keys
        clock.advance(PartnerAuth.Builder.DEFAULT_DATABASE_CACHE_STORE_READS);

        ofB.clear();
        b.authenticate(signIn(key, "u-1"), PRM);
        List<String> cold = ofB.executed();

        assertEquals(1, cold.stream().filter(StatementLog::isRead).count(), () -> "cold: " + cold);
        assertTrue(StatementLog.isRead(cold.get(0)), () -> "the read comes first: " + cold);
        assertTrue(cold.stream().anyMatch(sql -> sql.contains("UPDATE partner_auth_users SET last_sign_in_at")),
                () -> "the sign-in time is written (on PostgreSQL inside the sign-in's one WITH): " + cold);
        clock.advance(PartnerAuth.Builder.DEFAULT_DATABASE_CACHE_STORE_READS);
        assertEquals(clock.instant(), a.findUser(key.metadata().partnerId(), "u-1").orElseThrow().lastSignInAt()
                .plus(PartnerAuth.Builder.DEFAULT_DATABASE_CACHE_STORE_READS), "as stored, read on A");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void signOutUserWhenColdThenOneReadBeforeItsWrite(Database which) {
        DataSource ds = database(which);
        StatementLog ofB = new StatementLog(ds);
        PartnerAuth a = node(ds);
        PartnerAuth b = node(ofB);
        IssuedKey key = enableAndCreateKey(a);
        a.authenticate(signIn(key, "u-1"), PRM);

        ofB.clear();
        b.signOutUser(new PartnerUserRequest(PresentedKey.of(key.plaintext()), "u-1"), PRM);
        List<String> cold = ofB.executed();

        assertEquals(1, cold.stream().filter(StatementLog::isRead).count(), () -> "cold: " + cold);
        assertTrue(StatementLog.isRead(cold.get(0)), () -> "the read comes first: " + cold);
        clock.advance(PartnerAuth.Builder.DEFAULT_DATABASE_CACHE_STORE_READS); // A's own copy of u-1 is older now
        assertEquals(1, a.findUser(key.metadata().partnerId(), "u-1").orElseThrow().sessionGeneration(),
                "the sign-out was made");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void authenticateWhenDatabaseUnreachableAndNothingCurrentThenStoreUnavailableAndAfterwardsServedAgain(
            Database which) {
        DataSource ds = database(which);
        SwitchableDataSource ofB = new SwitchableDataSource(ds);
        PartnerAuth a = node(ds);
        PartnerAuth b = node(ofB);
        IssuedKey key = enableAndCreateKey(a);
        b.authenticate(signIn(key, "u-1"), PRM);
        clock.advance(PartnerAuth.Builder.DEFAULT_DATABASE_CACHE_STORE_READS);

        ofB.refuse();
        assertThrows(StoreUnavailableException.class, () -> b.authenticate(signIn(key, "u-1"), PRM),
                "the composed read's outage is a 503, not a refusal");
        ofB.restore();

        assertDoesNotThrow(() -> b.authenticate(signIn(key, "u-1"), PRM), "nothing of the failed read was kept");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void authenticateWhenUnknownKeyIdRepeatedThenReadOnceLikeAKnownOne(Database which) {
        DataSource ds = database(which);
        StatementLog ofB = new StatementLog(ds);
        PartnerAuth a = node(ds);
        PartnerAuth b = node(ofB);
        IssuedKey key = enableAndCreateKey(a);
        a.deleteKey(key.metadata().id(), "admin");

        ofB.clear();
        for (int i = 0; i < 3; i++) {
            assertRefused(ForbiddenException.Reason.KEY_UNKNOWN, () -> b.authenticate(signIn(key, "u-1"), PRM));
        }

        assertEquals(1, ofB.reads().size(), () -> "an unknown id is remembered as unknown: " + ofB.executed());
    }
}
