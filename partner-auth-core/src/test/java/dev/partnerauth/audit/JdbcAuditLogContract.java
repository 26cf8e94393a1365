package dev.partnerauth.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit contract plus what only the JDBC log does: batch inserts and bounded purging. */
abstract class JdbcAuditLogContract extends AuditLogContract {
    @Override
    protected abstract JdbcAuditLog log();

    @Test
    void onEventsStoresEveryEventOfTheBatch() {
        List<AuditEvent> batch = List.of(event(0), event(1), event(2), event(3));

        log().onEvents(batch);

        assertEquals(List.of(event(3), event(2), event(1), event(0)), log().recent(10));
    }

    @Test
    void onEventsWhenSameInstantThenStoredInTheOrderGiven() {
        // one instant for all: recent() falls back on insertion order, newest first
        List<AuditEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new AuditEvent(T0, AuditEventType.AUTHENTICATE_ACCEPTED, "AAAAAAAAAAA1", "u-" + i, "203.0.113.9",
                    null, null, null, null));
        }

        log().onEvents(batch);

        assertEquals(List.of("u-4", "u-3", "u-2", "u-1", "u-0"), log().recent(10).stream().map(AuditEvent::userId).toList());
    }

    @Test
    void onEventsWhenEmptyThenNothingStored() {
        log().onEvents(List.of());

        assertEquals(List.of(), log().recent(10));
    }

    @Test
    void purgeOlderThanDeletesAtMostLimitOldestFirst() {
        for (int i = 0; i < 6; i++) {
            log().onEvent(event(i));
        }
        assertEquals(2, log().purgeOlderThan(T0.plusSeconds(4), 2));
        assertEquals(List.of(event(5), event(4), event(3), event(2)), log().recent(10));
        assertEquals(2, log().purgeOlderThan(T0.plusSeconds(4), 5));
        assertEquals(0, log().purgeOlderThan(T0.plusSeconds(4), 5));
        assertEquals(List.of(event(5), event(4)), log().recent(10));
    }
}
