package dev.partnerauth.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit contract plus what only the JDBC log does: bounded purging. */
abstract class JdbcAuditLogContract extends AuditLogContract {
    @Override
    protected abstract JdbcAuditLog log();

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
