package dev.partnerauth.demo;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.audit.JdbcAuditLog;
import dev.partnerauth.jdbc.PartnerAuthSchema;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.settings.JdbcSettingsStore;
import dev.partnerauth.token.JdbcGrantStore;
import dev.partnerauth.token.JdbcSigningKeyStore;
import dev.partnerauth.user.JdbcPartnerUserStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The demo's database: embedded H2 in the data directory by default, or PostgreSQL by URL. */
final class DemoDatabase implements AutoCloseable {
    private final DataSource dataSource;
    private final boolean h2;

    private DemoDatabase(DataSource dataSource, boolean h2) {
        this.dataSource = dataSource;
        this.h2 = h2;
    }

    static DemoDatabase open(String jdbcUrl, Path dataDir) {
        if (jdbcUrl == null || jdbcUrl.startsWith("jdbc:h2:")) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(jdbcUrl != null ? jdbcUrl
                    : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("cpq") + ";DB_CLOSE_DELAY=-1");
            return new DemoDatabase(ds, true);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setConnectTimeout(5);
        ds.setSocketTimeout(10);
        return new DemoDatabase(ds, false);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Creates partner-auth's tables if missing and points every store at this database. */
    PartnerAuth.Builder configure(PartnerAuth.Builder builder) {
        PartnerAuthSchema.apply(dataSource);
        return builder
                .keyStore(new JdbcKeyStore(dataSource))
                .settingsStore(new JdbcSettingsStore(dataSource))
                .userStore(new JdbcPartnerUserStore(dataSource))
                .grantStore(new JdbcGrantStore(dataSource))
                .signingKeyStore(new JdbcSigningKeyStore(dataSource))
                .auditLog(new JdbcAuditLog(dataSource));
    }

    @Override
    public void close() {
        if (!h2) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already closed
        }
    }
}
