package dev.partnerauth.audit;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on PostgreSQL, in a schema of its own with the shipped schema applied. */
class JdbcAuditLogPostgresTest extends JdbcAuditLogContract {
    @RegisterExtension
    static final JdbcStoreFixture<JdbcAuditLog> db = JdbcStoreFixture.postgres(JdbcAuditLog::new);

    @Override
    protected JdbcAuditLog log() {
        return db.store();
    }
}
