package dev.partnerauth.audit;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on an in-memory H2 database with the shipped schema. */
class JdbcAuditLogH2Test extends JdbcAuditLogContract {
    @RegisterExtension
    static final JdbcStoreFixture<JdbcAuditLog> db = JdbcStoreFixture.h2(JdbcAuditLog::new);

    @Override
    protected JdbcAuditLog log() {
        return db.store();
    }
}
