package dev.partnerauth;

import dev.partnerauth.key.PresentedKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.jdbc.PartnerAuthSchema;
import dev.partnerauth.jdbc.SchemaSetup;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.internal.jdbc.JdbcSigningKeyStore;
import dev.partnerauth.user.UserInformation;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code PartnerAuth.Builder.database}: one call puts every store on the host's database, a
 * half-configured cluster is refused, and the database's pepper fingerprint keeps a node with
 * another pepper from starting. On H2, PostgreSQL and MariaDB.
 */
class ClusterBuilderTest {
    private static final KeyPepper PEPPER = KeyPepper.of(new byte[32]);
    private static final KeyPepper OTHER_PEPPER = KeyPepper.of(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    private static final InetAddress PRM = InetAddress.getLoopbackAddress();

    enum Database { H2, POSTGRESQL, MARIADB }

    private final MutableClock clock = new MutableClock();
    private DataSource db;

    @AfterEach
    void drop() {
        if (db != null) {
            TestDatabases.drop(db);
        }
    }

    private DataSource empty(Database which) {
        db = switch (which) {
            case H2 -> TestDatabases.h2();
            case POSTGRESQL -> TestDatabases.freshPostgresSchema();
            case MARIADB -> TestDatabases.freshMariaDbDatabase();
        };
        return db;
    }

    private PartnerAuth.Builder node(KeyPepper pepper) {
        return PartnerAuth.builder().keyPepper(pepper).publicBaseUrl(URI.create("https://cpq.example.com"))
                .clock(clock).ticker(clock.ticker()).slf4jAudit(false);
    }

    private static UserInformation user() {
        return new UserInformation("u-1", "login", "u@partner.example", "User", null, null, null, null, null, null,
                null, null, null, null, null);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void databaseWhenTwoNodesThenKeySettingsTokenAndAuditSharedAndTokenUsableOnce(Database which) {
        DataSource ds = empty(which);
        PartnerAuth a = node(PEPPER).database(ds).build();
        PartnerAuth b = node(PEPPER).database(ds).build();
        a.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        IssuedKey key = a.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");

        IssuedCredential token = b.authenticate(new AuthenticateRequest(PresentedKey.of(key.plaintext()), user()), PRM);
        Launch launch = a.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "006A", null), token.value(), PRM);

        assertNotNull(launch.url());
        assertThrows(UnauthenticatedException.class,
                () -> b.launch(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "006A", null), token.value(), PRM));
        assertTrue(a.findUser(key.metadata().partnerId(), "u-1").isPresent(), "the user b provisioned is in the shared store");
        assertTrue(a.recentAuditEvents(50).stream().anyMatch(e -> e.type() == AuditEventType.AUTHENTICATE_ACCEPTED),
                "b's audit event is in the shared log");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void databaseWhenVerifyOnlyAndTableMissingThenBuildFailsNamingIt(Database which) {
        DataSource ds = empty(which);
        PartnerAuthSchema.apply(ds);
        TestDatabases.execute(ds, "DROP TABLE partner_auth_signing_keys");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> node(PEPPER).database(ds, SchemaSetup.VERIFY).build());

        assertTrue(e.getMessage().contains("partner_auth_signing_keys"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void databaseWhenVerifyOnlyAndSchemaPresentThenBuilds(Database which) {
        DataSource ds = empty(which);
        PartnerAuthSchema.apply(ds);

        assertNotNull(node(PEPPER).database(ds, SchemaSetup.VERIFY).build());
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void databaseWhenVerifyOnlyOnEmptyDatabaseThenBuildFailsAndCreatesNothing(Database which) {
        DataSource ds = empty(which);

        assertThrows(IllegalStateException.class, () -> node(PEPPER).database(ds, SchemaSetup.VERIFY).build());
        assertThrows(IllegalStateException.class, () -> PartnerAuthSchema.verify(ds));
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void buildWhenAnotherPepperThanTheDatabasesThenRefusedSayingThePeppersDiffer(Database which) {
        DataSource ds = empty(which);
        node(PEPPER).database(ds).build();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> node(OTHER_PEPPER).database(ds).build());

        assertTrue(e.getMessage().contains("pepper differs"), e.getMessage());
        assertTrue(e.getMessage().contains("same pepper"), e.getMessage());
        assertNotNull(node(PEPPER).database(ds).build(), "the right pepper still starts");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void buildWhenTwoNodesWithDifferentPeppersStartAtOnceThenExactlyOneStarts(Database which) throws Exception {
        DataSource ds = empty(which);
        PartnerAuthSchema.apply(ds);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<Boolean> first = () -> starts(start, PEPPER, ds);
            Callable<Boolean> second = () -> starts(start, OTHER_PEPPER, ds);
            Future<Boolean> a = pool.submit(first);
            Future<Boolean> b = pool.submit(second);
            start.countDown();

            assertEquals(Set.of(true, false), Set.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS)));
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean starts(CountDownLatch start, KeyPepper pepper, DataSource ds) throws InterruptedException {
        start.await();
        try {
            node(pepper).database(ds, SchemaSetup.VERIFY).build();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void fingerprintWhenRecordedThenNeitherPepperNorItsBytesInTheDatabase(Database which) throws Exception {
        DataSource ds = empty(which);
        byte[] pepper = new byte[32];
        java.util.Arrays.fill(pepper, (byte) 0x5a);
        node(KeyPepper.of(pepper)).database(ds).build();

        try (var c = ds.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT fingerprint FROM partner_auth_pepper")) {
            assertTrue(rs.next());
            byte[] stored = rs.getBytes(1);
            assertEquals(32, stored.length);
            assertFalse(java.util.Arrays.equals(pepper, stored));
            assertFalse(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1).contains("ZZZZ"));
            assertFalse(rs.next(), "one row");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void buildWhenDatabaseGrantsButMemorySigningKeysThenRefusedNamingBoth(Database which) {
        DataSource ds = empty(which);
        PartnerAuthSchema.apply(ds);

        IllegalStateException mixed = assertThrows(IllegalStateException.class,
                () -> node(PEPPER).grantStore(new JdbcGrantStore(ds)).build());
        IllegalStateException overridden = assertThrows(IllegalStateException.class,
                () -> node(PEPPER).database(ds).signingKeyStore(new InMemorySigningKeyStore()).build());

        for (IllegalStateException e : List.of(mixed, overridden)) {
            assertTrue(e.getMessage().contains("grantStore") && e.getMessage().contains("signingKeyStore"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void buildWhenMemoryGrantsButDatabaseSigningKeysThenRefusedNamingBoth(Database which) {
        DataSource ds = empty(which);
        PartnerAuthSchema.apply(ds);

        IllegalStateException mixed = assertThrows(IllegalStateException.class,
                () -> node(PEPPER).signingKeyStore(new JdbcSigningKeyStore(ds)).build());
        IllegalStateException overridden = assertThrows(IllegalStateException.class, () -> node(PEPPER).database(ds)
                .grantStore(new CaffeineGrantStore(clock, clock.ticker(), 1000)).build());

        for (IllegalStateException e : List.of(mixed, overridden)) {
            assertTrue(e.getMessage().contains("grantStore") && e.getMessage().contains("signingKeyStore"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void databaseWhenMaxOutstandingGrantsAlsoSetThenRefused(Database which) {
        DataSource ds = empty(which);

        assertThrows(IllegalStateException.class, () -> node(PEPPER).database(ds).maxOutstandingGrants(10).build());
    }
}
