package dev.partnerauth.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.JDBCSessionDataStore;
import org.eclipse.jetty.session.NullSessionCache;

/**
 * HTTP sessions kept in the demo's database through Jetty's own JDBC session store, so that any
 * node on that database serves any browser with no sticky routing (SPEC §5).
 *
 * <p>The cache is Jetty's {@link NullSessionCache}: every request loads its session from the
 * database and writes it back. A {@code DefaultSessionCache} would keep a session in each node's
 * memory, and a node would go on serving its own copy after another node changed it (an identity
 * switch, more opportunities) or invalidated it (the partner's sign-out), until its entry was
 * evicted: a read per request is the price of never being stale. The session is written before the
 * response is committed, so a browser that follows a redirect to another node at once finds it there.
 *
 * <p>What the session holds must be serializable: partner-auth's {@code PartnerPrincipal} and its
 * pending identity switch are, and the demo's pages keep nothing else in it.
 */
final class SharedSessions {
    /** The demo's session table, created by Jetty when missing; not one of partner-auth's tables. */
    static final String TABLE = "demo_http_sessions";

    private SharedSessions() {
    }

    /**
     * @throws IllegalStateException when the session table cannot be created
     */
    static void install(SessionHandler sessions, DataSource dataSource) {
        createTable(dataSource);
        DatabaseAdaptor adaptor = new DatabaseAdaptor();
        adaptor.setDatasource(dataSource);
        JDBCSessionDataStore.SessionTableSchema table = new JDBCSessionDataStore.SessionTableSchema();
        table.setTableName(TABLE);
        // the schema (PostgreSQL) or database (MariaDB) the connections are in, not a same-named
        // table that another schema on the server happens to hold
        table.setSchemaName(JDBCSessionDataStore.SessionTableSchema.INFERRED);
        table.setCatalogName(JDBCSessionDataStore.SessionTableSchema.INFERRED);
        JDBCSessionDataStore store = new JDBCSessionDataStore();
        store.setDatabaseAdaptor(adaptor);
        store.setSessionTableSchema(table);

        NullSessionCache cache = new NullSessionCache(sessions);
        cache.setSessionDataStore(store);
        cache.setSaveOnCreate(true);
        cache.setFlushOnResponseCommit(true);
        // a row that no longer deserialises (an older demo's classes) is dropped, not a 500 forever
        cache.setRemoveUnloadableSessions(true);
        sessions.setSessionCache(cache);
    }

    /**
     * Creates Jetty's session table and its expiry index, if missing, before Jetty looks: Jetty's
     * own check-then-create fails on the second of two nodes starting at once (seen: "Table
     * 'demo_http_sessions' already exists" on MariaDB). Columns and index name are Jetty's; on
     * MariaDB and MySQL the ids compare byte for byte (utf8mb4_bin) rather than ignoring case, and
     * the attributes get a MEDIUMBLOB, since a BLOB stops at 64 KB.
     */
    private static void createTable(DataSource dataSource) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
                boolean mariaDb = product.contains("mariadb") || product.contains("mysql");
                String blob = product.contains("postgres") ? "BYTEA" : mariaDb ? "MEDIUMBLOB" : "BLOB";
                String index = "idx_" + TABLE + "_expiry";
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (sessionId VARCHAR(120) NOT NULL,"
                        + " contextPath VARCHAR(60) NOT NULL, virtualHost VARCHAR(60) NOT NULL, lastNode VARCHAR(60),"
                        + " accessTime BIGINT, lastAccessTime BIGINT, createTime BIGINT, cookieTime BIGINT,"
                        + " lastSavedTime BIGINT, expiryTime BIGINT, maxInterval BIGINT, map " + blob + ","
                        + " PRIMARY KEY (sessionId, contextPath, virtualHost)"
                        + (mariaDb ? ", INDEX " + index + " (expiryTime)) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin" : ")"));
                if (!mariaDb) {
                    s.execute("CREATE INDEX IF NOT EXISTS " + index + " ON " + TABLE + " (expiryTime)");
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                return;
            } catch (SQLException e) {
                // PostgreSQL's IF NOT EXISTS is not race-free either: the loser's second try sees the table
                if (attempt == 2) {
                    throw new IllegalStateException("cannot create the session table " + TABLE + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
