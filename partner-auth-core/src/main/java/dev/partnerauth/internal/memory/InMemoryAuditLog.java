package dev.partnerauth.internal.memory;

import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent events in memory, bounded so that a flood of refusals cannot exhaust the heap. A
 * ring written without a lock, because every request records an event: events recorded at the same
 * moment by different threads may be listed in either order.
 */
public final class InMemoryAuditLog implements AuditLog {
    private final int capacity;
    private final AtomicReferenceArray<AuditEvent> ring;
    private final AtomicLong recorded = new AtomicLong();

    public InMemoryAuditLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    @Override
    public void onEvent(AuditEvent event) {
        long n = recorded.getAndIncrement();
        ring.set((int) (n % capacity), event);
    }

    @Override
    public List<AuditEvent> recent(int limit) {
        long end = recorded.get();
        long start = Math.max(0, end - Math.min(limit, capacity));
        List<AuditEvent> out = new ArrayList<>((int) (end - start));
        for (long n = end - 1; n >= start; n--) {
            AuditEvent e = ring.get((int) (n % capacity));
            if (e != null) { // null only while its writer is between counting and storing
                out.add(e);
            }
        }
        return out;
    }
}
