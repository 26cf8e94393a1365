package dev.partnerauth.audit;

import dev.partnerauth.internal.memory.InMemoryAuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The audit contract through the buffer, over the in-memory log: each read follows its writes. */
class BufferedAuditLogContractTest extends AuditLogContract {
    private BufferedAuditLog log;

    @BeforeEach
    void setUp() {
        log = BufferedAuditLog.start(new InMemoryAuditLog(100));
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    @Override
    protected AuditLog log() {
        return log;
    }
}
