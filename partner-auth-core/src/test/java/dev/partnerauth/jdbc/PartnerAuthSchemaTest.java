package dev.partnerauth.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.testing.TestDatabases;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PartnerAuthSchemaTest {
    @Test
    void applyWhenRunTwiceOnH2ThenHarmlessAndEveryTableExists() throws Exception {
        assertApplyTwiceHarmless(TestDatabases.h2());
    }

    @Test
    void applyWhenRunTwiceOnPostgresThenHarmlessAndEveryTableExists() throws Exception {
        assertApplyTwiceHarmless(TestDatabases.freshPostgresSchema());
    }

    private static void assertApplyTwiceHarmless(DataSource empty) throws Exception {
        try {
            PartnerAuthSchema.apply(empty);
            PartnerAuthSchema.apply(empty);
            assertEquals(PartnerAuthSchema.TABLES, tables(empty));
        } finally {
            TestDatabases.drop(empty);
        }
    }

    @Test
    void applyWhenRunTwiceOnMariaDbThenHarmlessAndEveryTableExists() throws Exception {
        assertApplyTwiceHarmless(TestDatabases.freshMariaDbDatabase());
    }

    @Test
    void applyWhenNodesStartTogetherOnPostgresThenNoneFails() throws Exception {
        assertNodesStartTogether(TestDatabases.freshPostgresSchema());
    }

    @Test
    void applyWhenNodesStartTogetherOnMariaDbThenNoneFails() throws Exception {
        assertNodesStartTogether(TestDatabases.freshMariaDbDatabase());
    }

    @Test
    void dialectWhenDriverSaysMariaDbOrMySqlThenTheMariaDbSql() throws Exception {
        // MariaDB Connector/J says "MariaDB" on MariaDB and "MySQL" on MySQL; MySQL's own driver says "MySQL"
        assertEquals(Dialect.MARIADB, Dialect.of(productNamed("MariaDB")));
        assertEquals(Dialect.MARIADB, Dialect.of(productNamed("MySQL")));
        assertEquals(Dialect.POSTGRESQL, Dialect.of(productNamed("PostgreSQL")));
        assertEquals(Dialect.H2, Dialect.of(productNamed("H2")));
    }

    @Test
    void dialectWhenRealMariaDbServerThenMariaDb() throws Exception {
        DataSource ds = TestDatabases.freshMariaDbDatabase();
        try (Connection c = ds.getConnection()) {
            assertEquals(Dialect.MARIADB, Dialect.of(c.getMetaData()));
        } finally {
            TestDatabases.drop(ds);
        }
    }

    private static DatabaseMetaData productNamed(String product) {
        return (DatabaseMetaData) Proxy.newProxyInstance(PartnerAuthSchemaTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (p, m, a) -> m.getName().equals("getDatabaseProductName") ? product : null);
    }

    private static void assertNodesStartTogether(DataSource ds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> nodes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                nodes.add(pool.submit(() -> {
                    start.await();
                    PartnerAuthSchema.apply(ds);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> node : nodes) {
                node.get();
            }
            assertEquals(PartnerAuthSchema.TABLES, tables(ds));
        } finally {
            pool.shutdownNow();
            TestDatabases.drop(ds);
        }
    }

    @Test
    void applyWhenDatabaseHasNoSqlOfOursThenRefusedNamingIt() {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (p, m, a) -> m.getName().equals("getDatabaseProductName") ? "Oracle" : null);
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> m.getName().equals("getMetaData") ? metaData : null);
        DataSource ds = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, a) -> m.getName().equals("getConnection") ? connection : null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartnerAuthSchema.apply(ds));
        assertTrue(e.getMessage().contains("Oracle"), e.getMessage());
    }

    @Test
    void applyWhenDatabaseUnreachableThenStoreUnavailableWithinSeconds() {
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertThrows(StoreUnavailableException.class,
                () -> PartnerAuthSchema.apply(TestDatabases.unreachablePostgres())));
    }

    @Test
    void applyWhenMariaDbUnreachableThenStoreUnavailableWithinSeconds() {
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertThrows(StoreUnavailableException.class,
                () -> PartnerAuthSchema.apply(TestDatabases.unreachableMariaDb())));
    }

    @Test
    void sqlReturnsTheShippedScriptOfEachDialect() {
        for (Dialect dialect : Dialect.values()) {
            String sql = PartnerAuthSchema.sql(dialect);
            for (String table : PartnerAuthSchema.TABLES) {
                assertTrue(sql.contains("CREATE TABLE IF NOT EXISTS " + table + " ("), dialect + " " + table);
            }
        }
    }

    @Test
    void statementsSplitAtLineEndingSemicolonsAndDropComments() {
        assertEquals(List.of("CREATE TABLE a (\n  x INT\n)", "CREATE INDEX i ON a (x)"),
                PartnerAuthSchema.statements("-- a comment; with a semicolon\nCREATE TABLE a (\n  x INT\n);\n\n"
                        + "CREATE INDEX i ON a (x);\n"));
    }

    private static List<String> tables(DataSource ds) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                     + (Dialect.of(c.getMetaData()) == Dialect.MARIADB ? "DATABASE()" : "current_schema()")
                     + " AND LOWER(table_name) LIKE 'partner\\_auth\\_%'")) {
            while (rs.next()) {
                found.add(rs.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        // in the order of TABLES, with any unexpected table last so that the assertion names it
        found.sort(java.util.Comparator.comparingInt(t -> PartnerAuthSchema.TABLES.contains(t)
                ? PartnerAuthSchema.TABLES.indexOf(t) : Integer.MAX_VALUE));
        return found;
    }
}
