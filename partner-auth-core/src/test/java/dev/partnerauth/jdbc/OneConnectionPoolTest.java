package dev.partnerauth.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyStoreContract;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.token.PendingGrant;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A store's first statement borrows one connection only: binding an instant must not borrow a
 * second to learn the dialect, or ten concurrent first requests on a pool of ten wait for each other
 * until the pool's timeout (503 on every one of them).
 */
class OneConnectionPoolTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    /** {@code real}, refusing a second connection while one is out, as a full pool would. */
    private static DataSource oneAtATime(DataSource real) {
        AtomicInteger open = new AtomicInteger();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.invoke(real, args);
                    }
                    if (open.incrementAndGet() > 1) {
                        open.decrementAndGet();
                        throw new SQLTransientConnectionException("pool of one exhausted", "08001");
                    }
                    Connection c = real.getConnection();
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("close")) {
                                    open.decrementAndGet();
                                }
                                try {
                                    return m.invoke(c, a);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }

    @Test
    void firstWritesOfFreshStoresWhenPoolHoldsOneConnectionThenEachNeedsOnlyIt() {
        DataSource db = TestDatabases.mariaDbWithSchema();
        try {
            DataSource pool = oneAtATime(db);
            new JdbcKeyStore(pool).insert(KeyStoreContract.key("AAAAAAAAAAA1", NOW, (byte) 1));
            GrantDigest digest = GrantDigest.of("one-connection");
            new JdbcGrantStore(pool).save(GrantKind.ACCESS_TOKEN, digest, new PendingGrant(new KeyId("AAAAAAAAAAA1"),
                    new PartnerId("prt_testpartner0"), "u-1", Set.of(), NOW.plusSeconds(60)));
            assertEquals(NOW, new JdbcKeyStore(pool).find(new KeyId("AAAAAAAAAAA1")).orElseThrow().metadata().createdAt());
        } finally {
            TestDatabases.drop(db);
        }
    }
}
