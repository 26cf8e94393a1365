package dev.partnerauth.token;

import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
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
 * On MariaDB a grant is consumed by a locking read and a delete in one transaction (MySQL 8 has no
 * DELETE ... RETURNING): whatever isolation level the host's pool gives its connections, of many
 * concurrent consumers exactly one wins and none fails (InnoDB's deadlock answer, if any, is a loss).
 */
class JdbcGrantStoreIsolationMariaDbTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final int CONSUMERS = 12;
    private static DataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabases.mariaDbWithSchema();
    }

    @AfterAll
    static void drop() {
        TestDatabases.drop(db);
    }

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

    @ParameterizedTest
    @ValueSource(ints = {Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
            Connection.TRANSACTION_SERIALIZABLE})
    void consumeWhenManyConsumersAtOnceThenExactlyOneWinsAndNoneFails(int isolation) throws Exception {
        JdbcGrantStore store = new JdbcGrantStore(withIsolation(isolation));
        ExecutorService pool = Executors.newFixedThreadPool(CONSUMERS);
        try {
            for (int round = 0; round < 10; round++) {
                GrantDigest digest = GrantDigest.of("token-" + isolation + "-" + round);
                store.save(GrantKind.ACCESS_TOKEN, digest, new PendingGrant(new KeyId("AAAAAAAAAAA1"),
                        new PartnerId("prt_testpartner0"), "u-1", Set.of("006A"), NOW.plusSeconds(60)));
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
                    winners += r.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
