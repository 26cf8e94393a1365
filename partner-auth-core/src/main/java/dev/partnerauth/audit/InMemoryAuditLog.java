package dev.partnerauth.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The most recent events in memory, bounded so that a flood of refusals cannot exhaust the heap. */
public final class InMemoryAuditLog implements AuditLog {
    private final int capacity;
    private final ArrayDeque<AuditEvent> events;

    public InMemoryAuditLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    @Override
    public synchronized void onEvent(AuditEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    @Override
    public synchronized List<AuditEvent> recent(int limit) {
        List<AuditEvent> out = new ArrayList<>(Math.min(limit, events.size()));
        Iterator<AuditEvent> newestFirst = events.descendingIterator();
        while (newestFirst.hasNext() && out.size() < limit) {
            out.add(newestFirst.next());
        }
        return out;
    }
}
