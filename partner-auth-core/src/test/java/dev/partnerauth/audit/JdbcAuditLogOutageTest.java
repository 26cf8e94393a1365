package dev.partnerauth.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.testing.SwitchableDataSource;
import dev.partnerauth.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the JDBC log does with events it cannot store: every one goes to its logger at WARN. */
class JdbcAuditLogOutageTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final DataSource h2 = TestDatabases.h2WithSchema();
    private final SwitchableDataSource ds = new SwitchableDataSource(h2);
    private final RecordingLogger logger = new RecordingLogger();
    private final JdbcAuditLog log = new JdbcAuditLog(ds, Duration.ofSeconds(5), logger);

    @AfterEach
    void dropDatabase() {
        TestDatabases.drop(h2);
    }

    private static AuditEvent event(String userId) {
        return new AuditEvent(T0, AuditEventType.AUTHENTICATE_ACCEPTED, "AAAAAAAAAAA1", userId, "203.0.113.9", null, null, null, null);
    }

    @Test
    void onEventsWhenDatabaseDownThenEveryEventLoggedAtWarn() {
        ds.refuse();

        log.onEvents(List.of(event("u-1"), event("u-2"), event("u-3")));

        List<String> warnings = logger.warnings();
        assertEquals(3, warnings.size(), warnings::toString);
        for (int i = 0; i < 3; i++) {
            String line = warnings.get(i);
            assertTrue(line.startsWith("audit event not stored"), line);
            assertTrue(line.contains("at=2030-01-01T00:00:00Z AUTHENTICATE_ACCEPTED key=\"AAAAAAAAAAA1\" user=\"u-" + (i + 1)
                    + "\" ip=\"203.0.113.9\""), line);
        }
    }

    @Test
    void onEventsWhenDatabaseBackThenStoredAgainWithoutRestart() {
        ds.refuse();
        log.onEvents(List.of(event("u-1")));
        ds.restore();

        log.onEvents(List.of(event("u-2"), event("u-3")));

        assertEquals(List.of(event("u-3"), event("u-2")), log.recent(10));
        assertEquals(1, logger.warnings().size());
    }

    @Test
    void onEventWhenDatabaseDownThenLoggedAtWarn() {
        ds.refuse();

        log.onEvent(event("u-1"));

        assertEquals(1, logger.warnings().size());
        assertTrue(logger.warnings().get(0).contains("user=\"u-1\""), logger.warnings()::toString);
    }

    @Test
    void onEventsWhenOneEventRefusedByTheDatabaseThenNoneStoredAndAllLogged() {
        // a column narrower than one value: the database refuses that row, and with it the batch
        TestDatabases.execute(h2, "ALTER TABLE partner_auth_audit_events ALTER COLUMN key_id VARCHAR(12)");
        AuditEvent refused = new AuditEvent(T0, AuditEventType.KEY_CREATED, "x".repeat(13), null, null, null, null, null, null);

        log.onEvents(List.of(event("u-1"), refused, event("u-3")));

        assertEquals(List.of(), log.recent(10));
        assertEquals(3, logger.warnings().size());
    }
}
