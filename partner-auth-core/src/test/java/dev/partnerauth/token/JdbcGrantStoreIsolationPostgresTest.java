package dev.partnerauth.token;

import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A host's pool whose transactions are REPEATABLE READ or SERIALIZABLE: PostgreSQL answers the
 * loser of two concurrent deletes of one row with a serialization failure (40001). That is a used
 * token (403), not an outage (503).
 */
class JdbcGrantStoreIsolationPostgresTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final int CONSUMERS = 8;
    private static DataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabases.postgresWithSchema();
    }

    @AfterAll
    static void drop() {
        TestDatabases.drop(db);
    }

    /** The test pool, each connection set to {@code isolation} as the host's pool would. */
    private static DataSource withIsolation(int isolation) {
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

    private static PendingGrant grant() {
        return new PendingGrant(new KeyId("AAAAAAAAAAA1"), new PartnerId("prt_testpartner0"), "u-1", Set.of("006A"), NOW.plusSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(ints = {Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE})
    void consumeWhenAnotherTransactionDeletesTheRowFirstThenEmptyNotAFault(int isolation) throws Exception {
        JdbcGrantStore store = new JdbcGrantStore(withIsolation(isolation));
        GrantDigest digest = GrantDigest.of("raced-" + isolation);
        store.save(GrantKind.ACCESS_TOKEN, digest, grant());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection winner = withIsolation(isolation).getConnection()) {
            winner.setAutoCommit(false);
            try (PreparedStatement s = winner.prepareStatement("DELETE FROM partner_auth_grants WHERE digest = ?")) {
                s.setBytes(1, digest.toBytes());
                assertEquals(1, s.executeUpdate());
            }
            int winnerPid = backendPid(winner);

            Future<Optional<PendingGrant>> loser = pool.submit(() -> store.consume(GrantKind.ACCESS_TOKEN, digest, NOW));
            awaitBlockedBy(winnerPid);
            winner.commit();

            assertEquals(Optional.empty(), loser.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE})
    void consumeWhenManyConsumersAtOnceThenExactlyOneWinsAndNoneFails(int isolation) throws Exception {
        JdbcGrantStore store = new JdbcGrantStore(withIsolation(isolation));
        ExecutorService pool = Executors.newFixedThreadPool(CONSUMERS);
        try {
            for (int round = 0; round < 10; round++) {
                GrantDigest digest = GrantDigest.of("token-" + isolation + "-" + round);
                store.save(GrantKind.ACCESS_TOKEN, digest, grant());
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<PendingGrant>>> results = new ArrayList<>();
                for (int i = 0; i < CONSUMERS; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.consume(GrantKind.ACCESS_TOKEN, digest, NOW);
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Optional<PendingGrant>> r : results) {
                    // a fault here (a 503 over HTTP) fails the test through get()
                    winners += r.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits (on the database's own state, not on time) until some backend waits for {@code pid}'s lock. */
    private static void awaitBlockedBy(int pid) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")) {
            s.setInt(1, pid);
            for (int i = 0; i < 100_000; i++) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        assertTrue(false, "the second consumer never waited for the first");
    }
}
