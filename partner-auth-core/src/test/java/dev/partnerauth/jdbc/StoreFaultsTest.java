package dev.partnerauth.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.audit.JdbcAuditLog;
import dev.partnerauth.internal.jdbc.StoreDatabase;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.settings.JdbcSettingsStore;
import dev.partnerauth.testing.SwitchableDataSource;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.internal.jdbc.JdbcSigningKeyStore;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.token.SigningKey;
import dev.partnerauth.user.JdbcPartnerUserStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** How the JDBC stores behave when the database is unreachable, slow, or handed out oddly. */
class StoreFaultsTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final GrantDigest DIGEST = GrantDigest.of("a launch code");
    private static final PendingGrant GRANT = new PendingGrant(new KeyId("AAAAAAAAAAA1"), new dev.partnerauth.key.PartnerId("prt_testpartner0"), "u-1", Set.of("006A"),
            NOW.plusSeconds(60));

    private static List<Executable> oneCallOfEachStore(DataSource ds) {
        return List.of(
                () -> new JdbcKeyStore(ds).find(new KeyId("AAAAAAAAAAA1")),
                () -> new JdbcSettingsStore(ds).get(),
                () -> new JdbcPartnerUserStore(ds).find(new dev.partnerauth.key.PartnerId("prt_testpartner0"), "u-1"),
                () -> new JdbcGrantStore(ds).consume(GrantKind.ACCESS_TOKEN, DIGEST, NOW),
                () -> new JdbcSigningKeyStore(ds).keys(() -> SigningKey.generate(new SecureRandom(), NOW)),
                () -> new JdbcAuditLog(ds).recent(10));
    }

    @Test
    void everyStoreWhenDatabaseUnreachableThenStoreUnavailableWithinSeconds() {
        DataSource dead = TestDatabases.unreachablePostgres();
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
            for (Executable call : oneCallOfEachStore(dead)) {
                StoreUnavailableException e = assertThrows(StoreUnavailableException.class, call);
                assertTrue(e.getMessage().contains("retry later"), e.getMessage());
            }
        });
    }

    @Test
    void everyStoreWhenDatabaseComesBackThenWorksWithoutRestart() {
        DataSource h2 = TestDatabases.h2WithSchema();
        try {
            SwitchableDataSource ds = new SwitchableDataSource(h2);
            ds.refuse();
            for (Executable call : oneCallOfEachStore(ds)) {
                assertThrows(StoreUnavailableException.class, call);
            }
            ds.restore();
            for (Executable call : oneCallOfEachStore(ds)) {
                org.junit.jupiter.api.Assertions.assertDoesNotThrow(call);
            }
        } finally {
            TestDatabases.drop(h2);
        }
    }

    @Test
    void statementWhenDatabaseTooSlowThenStoreUnavailableAfterQueryTimeout() {
        DataSource ds = TestDatabases.freshPostgresSchema();
        try {
            StoreDatabase db = new StoreDatabase(ds, Duration.ofSeconds(1));
            assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertThrows(StoreUnavailableException.class,
                    () -> db.query("sleep", "SELECT pg_sleep(10)", StoreDatabase.Parameters.NONE, rs -> 1)));
        } finally {
            TestDatabases.drop(ds);
        }
    }

    @Test
    void statementWhenRowRefusedThenFaultIsNotAnOutage() {
        DataSource ds = TestDatabases.h2WithSchema();
        try {
            JdbcGrantStore store = new JdbcGrantStore(ds);
            store.save(GrantKind.LAUNCH_CODE, DIGEST, GRANT);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> store.save(GrantKind.LAUNCH_CODE, DIGEST, GRANT));
            assertTrue(e.getMessage().contains("grants.save"), e.getMessage());
        } finally {
            TestDatabases.drop(ds);
        }
    }

    @Test
    void auditEventWhenDatabaseDownThenNeitherThrowsNorFailsTheRequest() {
        SwitchableDataSource ds = new SwitchableDataSource(TestDatabases.h2());
        ds.refuse();
        new JdbcAuditLog(ds).onEvent(new AuditEvent(NOW, AuditEventType.TOKEN_REFUSED, null, null, "203.0.113.9",
                "already used", null, null, null));
    }

    @Test
    void connectionsAreReturnedAfterSuccessesAndFailures() {
        DataSource h2 = TestDatabases.h2WithSchema();
        try {
            CountedConnections connections = new CountedConnections(h2);
            DataSource ds = new SwitchableDataSource(connections);
            JdbcGrantStore grants = new JdbcGrantStore(ds);
            grants.save(GrantKind.LAUNCH_CODE, DIGEST, GRANT);
            assertThrows(IllegalStateException.class, () -> grants.save(GrantKind.LAUNCH_CODE, DIGEST, GRANT));
            grants.consume(GrantKind.LAUNCH_CODE, DIGEST, NOW);
            grants.purgeExpired(NOW, 10);
            for (Executable call : oneCallOfEachStore(ds)) {
                org.junit.jupiter.api.Assertions.assertDoesNotThrow(call);
            }
            TestDatabases.execute(h2, "DROP TABLE partner_auth_users");
            assertThrows(IllegalStateException.class, () -> new JdbcPartnerUserStore(ds).find(new dev.partnerauth.key.PartnerId("prt_testpartner0"), "u-1"));
            assertEquals(0, connections.open());
        } finally {
            TestDatabases.drop(h2);
        }
    }

    @Test
    void storesWhenPoolHandsOutManualCommitConnectionsThenChangesAreCommitted() {
        DataSource h2 = TestDatabases.h2WithSchema();
        try {
            // as some pools are configured to: connections handed out outside auto-commit
            JdbcGrantStore manual = new JdbcGrantStore(new SwitchableDataSource(() -> {
                Connection c = h2.getConnection();
                c.setAutoCommit(false);
                return c;
            }));
            manual.save(GrantKind.LAUNCH_CODE, DIGEST, GRANT);
            assertEquals(GRANT, new JdbcGrantStore(h2).consume(GrantKind.LAUNCH_CODE, DIGEST, NOW).orElseThrow());
        } finally {
            TestDatabases.drop(h2);
        }
    }

    @Test
    void constructorWhenQueryTimeoutNotPositiveThenRefused() {
        DataSource ds = TestDatabases.h2();
        assertThrows(IllegalArgumentException.class, () -> new JdbcGrantStore(ds, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> new JdbcKeyStore(null));
    }

    @Test
    void outageWhenSqlStateIsConnectionOrTimeoutClass() {
        assertTrue(StoreDatabase.isOutage(new java.sql.SQLException("refused", "08001")));
        assertTrue(StoreDatabase.isOutage(new java.sql.SQLException("canceling statement", "57014")));
        assertTrue(StoreDatabase.isOutage(new java.sql.SQLTimeoutException("timeout")));
        assertTrue(StoreDatabase.isOutage(new java.sql.SQLException("wrapped", null, new java.sql.SQLException("x", "08006"))));
        assertInstanceOf(IllegalStateException.class, StoreDatabase.fault("op", new java.sql.SQLException("dup", "23505")));
        assertInstanceOf(StoreUnavailableException.class, StoreDatabase.fault("op", new java.sql.SQLException("x", "53300")));
    }
}
