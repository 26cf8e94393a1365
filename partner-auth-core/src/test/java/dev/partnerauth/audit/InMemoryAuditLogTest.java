package dev.partnerauth.audit;

import dev.partnerauth.internal.memory.InMemoryAuditLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAuditLogTest {

    private static AuditEvent event(int n) {
        return new AuditEvent(Instant.EPOCH.plusSeconds(n), AuditEventType.KEY_CREATED, null, null, null, null, "e" + n, null, null);
    }

    @Test
    void recentWhenEventsRecordedThenNewestFirst() {
        InMemoryAuditLog log = new InMemoryAuditLog(10);
        for (int i = 1; i <= 3; i++) {
            log.onEvent(event(i));
        }

        assertEquals(List.of(event(3), event(2), event(1)), log.recent(10));
    }

    @Test
    void recentWhenLimitSmallerThanLogThenOnlyNewest() {
        InMemoryAuditLog log = new InMemoryAuditLog(10);
        for (int i = 1; i <= 5; i++) {
            log.onEvent(event(i));
        }

        assertEquals(List.of(event(5), event(4)), log.recent(2));
        assertTrue(log.recent(0).isEmpty());
    }

    @Test
    void onEventWhenCapacityExceededThenOldestDropped() {
        InMemoryAuditLog log = new InMemoryAuditLog(3);
        for (int i = 1; i <= 1000; i++) {
            log.onEvent(event(i));
        }

        assertEquals(List.of(event(1000), event(999), event(998)), log.recent(Integer.MAX_VALUE));
    }

    @Test
    void constructorWhenCapacityNotPositiveThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryAuditLog(0));
    }
}
