package dev.partnerauth.audit;

import java.util.List;

/** An audit listener that keeps events and can list the recent ones. */
public interface AuditLog extends AuditListener {
    /** At most {@code limit} events, newest first. */
    List<AuditEvent> recent(int limit);

    /**
     * Keeps several events, in the order given: what {@link BufferedAuditLog}'s writer thread calls
     * with the events it has drained. The same rule as {@link #onEvent}: never throws, and an event
     * that cannot be kept is reported (the JDBC log writes it to its logger) rather than dropped.
     * The default keeps each in turn; {@link JdbcAuditLog} writes them in one batch.
     */
    default void onEvents(List<AuditEvent> events) {
        for (AuditEvent event : events) {
            onEvent(event);
        }
    }
}
