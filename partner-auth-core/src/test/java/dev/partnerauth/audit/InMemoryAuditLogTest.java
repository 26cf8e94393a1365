package dev.partnerauth.audit;

import org.junit.jupiter.api.BeforeEach;

class InMemoryAuditLogTest extends AuditLogContract {
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
