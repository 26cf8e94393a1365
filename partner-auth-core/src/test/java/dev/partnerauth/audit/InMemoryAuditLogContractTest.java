package dev.partnerauth.audit;

import dev.partnerauth.internal.memory.InMemoryAuditLog;
import org.junit.jupiter.api.BeforeEach;

class InMemoryAuditLogContractTest extends AuditLogContract {
    private AuditLog log;

    @BeforeEach
    void setUp() {
        log = new InMemoryAuditLog(100);
    }

    @Override
    protected AuditLog log() {
        return log;
    }
}
