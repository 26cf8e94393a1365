package dev.partnerauth.audit;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on MariaDB, in a database of its own with the shipped schema applied. */
class JdbcAuditLogMariaDbTest extends JdbcAuditLogContract {
    @RegisterExtension
    static final JdbcStoreFixture<JdbcAuditLog> db = JdbcStoreFixture.mariaDb(JdbcAuditLog::new);

    @Override
    protected JdbcAuditLog log() {
        return db.store();
    }
}
