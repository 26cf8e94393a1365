package dev.partnerauth.audit;

import java.util.List;

/** An audit listener that keeps events and can list the recent ones. */
public interface AuditLog extends AuditListener {
    /** At most {@code limit} events, newest first. */
    List<AuditEvent> recent(int limit);
}
