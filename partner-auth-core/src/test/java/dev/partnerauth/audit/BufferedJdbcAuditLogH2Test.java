package dev.partnerauth.audit;

import dev.partnerauth.testing.JdbcStoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit contract through the buffer over the JDBC log, as a host would wire it, on H2. */
class BufferedJdbcAuditLogH2Test extends AuditLogContract {
    @RegisterExtension
    static final JdbcStoreFixture<BufferedAuditLog> db = JdbcStoreFixture.h2(ds -> BufferedAuditLog.start(new JdbcAuditLog(ds)));

    @AfterEach
    void closeLog() {
        db.store().close();
    }

    @Override
    protected AuditLog log() {
        return db.store();
    }
}
