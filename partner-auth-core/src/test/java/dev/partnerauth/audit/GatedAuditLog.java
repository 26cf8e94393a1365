package dev.partnerauth.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An audit log in a list whose batch writes ({@link #onEvents}) can be held at a gate until the
 * test opens it, standing for a slow or stalled database; single writes ({@link #onEvent}) pass at
 * once and remember their thread. Thread-safe.
 */
final class GatedAuditLog implements AuditLog {
    /** Bounds every wait of a test, so that a broken log fails the test instead of hanging it. */
    static final long PATIENCE_SECONDS = 30;

    private final CountDownLatch gate;
    private final BlockingQueue<List<AuditEvent>> arrivedBatches = new LinkedBlockingQueue<>();
    private final List<AuditEvent> stored = new ArrayList<>();
    private final List<Thread> singleWriters = new ArrayList<>();

    private GatedAuditLog(boolean closed) {
        this.gate = new CountDownLatch(closed ? 1 : 0);
    }

    /** Batch writes wait until {@link #open}. */
    static GatedAuditLog closed() {
        return new GatedAuditLog(true);
    }

    /** Nothing waits. */
    static GatedAuditLog open() {
        return new GatedAuditLog(false);
    }

    void openGate() {
        gate.countDown();
    }

    boolean gateOpen() {
        return gate.getCount() == 0;
    }

    /** The next batch to reach the gate, waiting for it; fails when none comes. */
    List<AuditEvent> awaitBatch() throws InterruptedException {
        List<AuditEvent> batch = arrivedBatches.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        if (batch == null) {
            throw new AssertionError("no batch reached the delegate");
        }
        return batch;
    }

    /** Every event stored, in the order stored. */
    List<AuditEvent> stored() {
        synchronized (stored) {
            return List.copyOf(stored);
        }
    }

    /** The threads that called {@link #onEvent}, in order. */
    List<Thread> singleWriters() {
        synchronized (stored) {
            return List.copyOf(singleWriters);
        }
    }

    @Override
    public void onEvents(List<AuditEvent> events) {
        arrivedBatches.add(List.copyOf(events));
        try {
            if (!gate.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted at the gate", e);
        }
        synchronized (stored) {
            stored.addAll(events);
        }
    }

    @Override
    public void onEvent(AuditEvent event) {
        synchronized (stored) {
            stored.add(event);
            singleWriters.add(Thread.currentThread());
        }
    }

    @Override
    public List<AuditEvent> recent(int limit) {
        List<AuditEvent> newestFirst = new ArrayList<>(stored());
        Collections.reverse(newestFirst);
        return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
    }
}
