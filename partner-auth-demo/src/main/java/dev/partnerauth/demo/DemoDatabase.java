package dev.partnerauth.demo;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.audit.BufferedAuditLog;
import dev.partnerauth.audit.JdbcAuditLog;
import dev.partnerauth.jdbc.PartnerAuthSchema;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.settings.JdbcSettingsStore;
import dev.partnerauth.user.JdbcPartnerUserStore;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The demo's database: embedded H2 in the data directory by default, or PostgreSQL or MariaDB by URL. */
final class DemoDatabase implements AutoCloseable {
    /** How long a node that is the only one on its database keeps what it read (see {@link #configure}). */
    static final Duration SINGLE_NODE_CACHE = Duration.ofMinutes(1);

    private final HikariDataSource dataSource;
    private final boolean h2;
    private final boolean ownFile;
    private BufferedAuditLog audit;

    private DemoDatabase(HikariDataSource dataSource, boolean h2, boolean ownFile) {
        this.dataSource = dataSource;
        this.h2 = h2;
        this.ownFile = ownFile;
    }

    /** Connections in the pool unless {@code -Ddemo.jdbc.pool=N} says otherwise (benchmarks compare sizes). */
    static final int POOL_SIZE = 10;

    /** Opens a small connection pool: with {@code --jdbc-url} every request runs several statements, and a new connection each is slow. */
    static DemoDatabase open(String jdbcUrl, Path dataDir) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("partner-auth-demo");
        pool.setMaximumPoolSize(poolSize(System.getProperty("demo.jdbc.pool")));
        pool.setConnectionTimeout(5_000);
        boolean h2 = jdbcUrl == null || jdbcUrl.startsWith("jdbc:h2:");
        if (h2) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(jdbcUrl != null ? jdbcUrl : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("cpq") + ";QUERY_CACHE_SIZE=64");
            pool.setDataSource(ds);
        } else if (jdbcUrl.startsWith("jdbc:mariadb:")) {
            // the driver's URL options win over these: a URL may set its own timeouts (milliseconds)
            pool.setJdbcUrl(jdbcUrl);
            pool.setDriverClassName("org.mariadb.jdbc.Driver");
            pool.addDataSourceProperty("connectTimeout", "5000");
            pool.addDataSourceProperty("socketTimeout", "10000");
        } else {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(jdbcUrl);
            ds.setConnectTimeout(5);
            ds.setSocketTimeout(10);
            pool.setDataSource(ds);
        }
        return new DemoDatabase(new HikariDataSource(pool), h2, jdbcUrl == null);
    }

    static int poolSize(String property) {
        if (property == null) {
            return POOL_SIZE;
        }
        try {
            int size = Integer.parseInt(property.trim());
            if (size >= 1 && size <= 1000) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-Ddemo.jdbc.pool must be a number of connections from 1 to 1000, not '"
                + property + "'");
    }

    /**
     * True with {@code --jdbc-url}: other nodes may use this database, so the HTTP sessions live in
     * it too ({@link SharedSessions}); the default H2 file is this process's alone.
     */
    boolean shared() {
        return !ownFile;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Creates partner-auth's tables if missing and points the stores at this database.
     *
     * <p>The default H2 file is opened by this one process only, so the demo is a single node: as
     * the spec's single-node setup, outstanding tokens and launch codes and the keys that sign them
     * stay in memory (a restart drops tokens that live a minute anyway) and keys, settings and users
     * are read from the database once and then kept (every change comes through this node, so it is
     * seen at once). With {@code --jdbc-url} the database may be shared by several demo nodes:
     * everything goes through it ({@code database(dataSource)}), what a node read of keys, settings
     * and users is kept for 1 second (that builder's default), and each Partner API call's audit
     * event is written in the call's own write, so that a call whose event cannot be stored fails.
     * On the H2 file, audit events are written in batches by a thread of their own ({@link
     * BufferedAuditLog}), closed with this database.
     */
    PartnerAuth.Builder configure(PartnerAuth.Builder builder) {
        if (!ownFile) {
            return builder.database(dataSource);
        }
        audit = BufferedAuditLog.start(new JdbcAuditLog(dataSource));
        PartnerAuthSchema.apply(dataSource);
        return builder.keyStore(new JdbcKeyStore(dataSource))
                .settingsStore(new JdbcSettingsStore(dataSource))
                .userStore(new JdbcPartnerUserStore(dataSource))
                .auditLog(audit)
                .cacheStoreReads(SINGLE_NODE_CACHE);
    }

    @Override
    public void close() {
        if (audit != null) {
            audit.close(); // the last events are written before the database closes
        }
        if (h2) {
            // closes the database file cleanly, so the next start finds it consistent
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already closed
            }
        }
        dataSource.close();
    }
}
