package dev.partnerauth.demo;

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

    static void install(SessionHandler sessions, DataSource dataSource) {
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
}
