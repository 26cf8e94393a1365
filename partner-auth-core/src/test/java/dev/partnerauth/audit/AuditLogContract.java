package dev.partnerauth.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} must do; run against each implementation by a subclass. */
public abstract class AuditLogContract {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /** An empty log, fresh for each test, keeping at least 10 events. */
    protected abstract AuditLog log();

    static AuditEvent event(int second) {
        return new AuditEvent(T0.plusSeconds(second), AuditEventType.AUTHENTICATE_REFUSED, "AAAAAAAAAAA1", "u-" + second,
                "203.0.113.9", "ip not allowed", null, null, null);
    }

    @Test
    void recentWhenEmptyThenEmpty() {
        assertTrue(log().recent(10).isEmpty());
    }

    @Test
    void recentReturnsAtMostLimitNewestFirst() {
        for (int i = 0; i < 5; i++) {
            log().onEvent(event(i));
        }
        assertEquals(List.of(event(4), event(3), event(2)), log().recent(3));
    }

    @Test
    void recentReturnsEveryFieldAsRecorded() {
        AuditEvent admin = new AuditEvent(T0, AuditEventType.KEY_RENAMED, "AAAAAAAAAAA1", null, null, null, "New name",
                "prt_northwind0000000", "ann");
        AuditEvent refused = event(1);
        log().onEvent(admin);
        log().onEvent(refused);
        assertEquals(List.of(refused, admin), log().recent(10));
    }
}
