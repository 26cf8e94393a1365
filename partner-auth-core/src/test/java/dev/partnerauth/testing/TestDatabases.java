package dev.partnerauth.testing;

import dev.partnerauth.jdbc.PartnerAuthSchema;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Throw-away databases for tests: a fresh in-memory H2 database, a fresh schema on the local
 * PostgreSQL server or a fresh database on the local MariaDB server, so that parallel and repeated
 * runs never see each other's rows.
 *
 * <p>PostgreSQL is reached at {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}
 * unless the system properties {@code partnerauth.test.postgres.url} and {@code
 * partnerauth.test.postgres.user} say otherwise; MariaDB at {@code jdbc:mariadb://127.0.0.1:3306/}
 * as {@code root} with no password unless {@code partnerauth.test.mariadb.url} and {@code
 * partnerauth.test.mariadb.user} do. Everything created is dropped by {@link #drop}, or
 * at the latest when the JVM exits.
 */
public final class TestDatabases {
    public static final String POSTGRES_URL = System.getProperty("partnerauth.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = System.getProperty("partnerauth.test.postgres.user", "postgres");
    /** Connections a PostgreSQL test data source holds at most, to be kind to a shared server. */
    public static final int POSTGRES_MAX_CONNECTIONS = 12;

    public static final String MARIADB_URL = System.getProperty("partnerauth.test.mariadb.url",
            "jdbc:mariadb://127.0.0.1:3306/");
    public static final String MARIADB_USER = System.getProperty("partnerauth.test.mariadb.user", "root");

    private static final Map<DataSource, Runnable> DROPS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> DROPS.values().forEach(TestDatabases::quietly),
                "drop test databases"));
    }

    private TestDatabases() {
    }

    /** A fresh, empty in-memory H2 database. */
    public static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:pa_" + randomName() + ";DB_CLOSE_DELAY=-1");
        DROPS.put(ds, () -> execute(ds, "SHUTDOWN"));
        return ds;
    }

    /** A fresh, empty in-memory H2 database with the partner-auth schema applied. */
    public static DataSource h2WithSchema() {
        DataSource ds = h2();
        PartnerAuthSchema.apply(ds);
        return ds;
    }

    /**
     * A fresh, empty PostgreSQL schema ({@code pa_<random>}), as a small pool whose connections
     * resolve unqualified names in that schema only.
     */
    public static DataSource freshPostgresSchema() {
        String schema = "pa_" + randomName();
        PGSimpleDataSource admin = postgres(POSTGRES_URL);
        execute(admin, "CREATE SCHEMA " + schema);
        PGSimpleDataSource physical = postgres(POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?")
                + "currentSchema=" + schema);
        SmallPool pool = new SmallPool(physical, POSTGRES_MAX_CONNECTIONS);
        DataSource ds = pool.dataSource();
        DROPS.put(ds, () -> {
            pool.closeAll();
            execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        });
        return ds;
    }

    /** A fresh PostgreSQL schema with the partner-auth schema applied. */
    public static DataSource postgresWithSchema() {
        DataSource ds = freshPostgresSchema();
        PartnerAuthSchema.apply(ds);
        return ds;
    }

    /**
     * A fresh, empty database ({@code pa_<random>}) on the local MariaDB server, as a small pool of
     * connections to it. MariaDB has no schemas inside a database, so each test gets a database.
     */
    public static DataSource freshMariaDbDatabase() {
        String database = "pa_" + randomName();
        MariaDbDataSource admin = mariaDb(MARIADB_URL);
        execute(admin, "CREATE DATABASE " + database);
        SmallPool pool = new SmallPool(mariaDb(mariaDbUrl(database)), POSTGRES_MAX_CONNECTIONS);
        DataSource ds = pool.dataSource();
        DROPS.put(ds, () -> {
            pool.closeAll();
            execute(admin, "DROP DATABASE IF EXISTS " + database);
        });
        return ds;
    }

    /** A fresh MariaDB database with the partner-auth schema applied. */
    public static DataSource mariaDbWithSchema() {
        DataSource ds = freshMariaDbDatabase();
        PartnerAuthSchema.apply(ds);
        return ds;
    }

    /** The JDBC URL of a database on the local MariaDB server, with the test user in it. */
    public static String mariaDbUrl(String database) {
        String base = MARIADB_URL.endsWith("/") ? MARIADB_URL : MARIADB_URL + "/";
        return base + database + "?user=" + MARIADB_USER + "&connectTimeout=5000&socketTimeout=60000";
    }

    /**
     * Creates a database on the local MariaDB server, dropped at JVM exit at the latest, for tests
     * that hand a JDBC URL to another process or a demo node rather than a data source.
     *
     * @return its JDBC URL
     */
    public static String freshMariaDbUrl() {
        String database = "pa_" + randomName();
        MariaDbDataSource admin = mariaDb(MARIADB_URL);
        execute(admin, "CREATE DATABASE " + database);
        DROPS.put(admin, () -> execute(admin, "DROP DATABASE IF EXISTS " + database));
        return mariaDbUrl(database);
    }

    /**
     * Creates a schema on the local PostgreSQL server, dropped at JVM exit at the latest, for tests
     * that hand a JDBC URL to a demo node rather than a data source.
     *
     * @return its JDBC URL, user included
     */
    public static String freshPostgresUrl() {
        String schema = "pa_" + randomName();
        PGSimpleDataSource admin = postgres(POSTGRES_URL);
        execute(admin, "CREATE SCHEMA " + schema);
        DROPS.put(admin, () -> execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        return POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&user=" + POSTGRES_USER;
    }

    /** Drops every database and schema made by {@link #freshPostgresUrl} and {@link #freshMariaDbUrl} so far. */
    public static void dropUrls() {
        for (Map.Entry<DataSource, Runnable> e : DROPS.entrySet()) {
            if (e.getKey() instanceof PGSimpleDataSource || e.getKey() instanceof MariaDbDataSource) {
                if (DROPS.remove(e.getKey()) != null) {
                    e.getValue().run();
                }
            }
        }
    }

    /** A data source no connection can be had from: a refused port, with 2-second timeouts. */
    public static DataSource unreachablePostgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {1});
        ds.setDatabaseName("test");
        ds.setUser(POSTGRES_USER);
        ds.setConnectTimeout(2);
        ds.setLoginTimeout(2);
        ds.setSocketTimeout(2);
        return ds;
    }

    /** A MariaDB data source no connection can be had from: a refused port, with 2-second timeouts. */
    public static DataSource unreachableMariaDb() {
        return mariaDb("jdbc:mariadb://127.0.0.1:1/test?user=" + MARIADB_USER + "&connectTimeout=2000&socketTimeout=2000");
    }

    /** Deletes every row of the partner-auth tables, to reuse one database across tests. */
    public static void deleteAllRows(DataSource ds) {
        for (String table : PartnerAuthSchema.TABLES) {
            execute(ds, "DELETE FROM " + table);
        }
    }

    /** Drops a database made here and closes its connections. */
    public static void drop(DataSource ds) {
        Runnable drop = DROPS.remove(ds);
        if (drop != null) {
            drop.run();
        }
    }

    public static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + sql + ": " + e.getMessage(), e);
        }
    }

    private static PGSimpleDataSource postgres(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(POSTGRES_USER);
        ds.setConnectTimeout(5);
        ds.setSocketTimeout(60);
        return ds;
    }

    private static MariaDbDataSource mariaDb(String url) {
        try {
            MariaDbDataSource ds = new MariaDbDataSource(url.contains("?") ? url : url + "?user=" + MARIADB_USER);
            ds.setUser(MARIADB_USER);
            return ds;
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + url + ": " + e.getMessage(), e);
        }
    }

    private static String randomName() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // the JVM is exiting; a schema left behind is harmless and uniquely named
        }
    }

    /**
     * A bounded pool, as a host would use: reuses physical connections (a new PostgreSQL
     * connection is a process fork) and caps how many a test opens on the shared server.
     */
    private static final class SmallPool {
        private final DataSource physical;
        private final Semaphore permits;
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

        SmallPool(DataSource physical, int size) {
            this.physical = physical;
            this.permits = new Semaphore(size);
        }

        Connection borrow() throws SQLException {
            try {
                if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
                    throw new SQLTransientConnectionException("test pool exhausted", "08001");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted", "08001", e);
            }
            try {
                Connection c = idle.pollFirst();
                return wrap(c != null ? c : physical.getConnection());
            } catch (SQLException | RuntimeException e) {
                permits.release();
                throw e;
            }
        }

        private Connection wrap(Connection real) {
            boolean[] closed = {false};
            InvocationHandler handler = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "close":
                        if (!closed[0]) {
                            closed[0] = true;
                            giveBack(real);
                        }
                        return null;
                    case "isClosed":
                        return closed[0];
                    default:
                        if (closed[0]) {
                            throw new SQLException("connection already returned to the pool");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                }
            };
            return (Connection) Proxy.newProxyInstance(TestDatabases.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        }

        private void giveBack(Connection real) {
            try {
                if (!real.getAutoCommit()) {
                    real.rollback();
                    real.setAutoCommit(true);
                }
                idle.addFirst(real);
            } catch (SQLException e) {
                try {
                    real.close();
                } catch (SQLException ignored) {
                    // already broken
                }
            } finally {
                permits.release();
            }
        }

        void closeAll() {
            Connection c;
            while ((c = idle.pollFirst()) != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        }

        DataSource dataSource() {
            return new SwitchableDataSource(this::borrow);
        }
    }
}
