package dev.partnerauth.audit;

import dev.partnerauth.internal.memory.InMemoryAuditLog;
import static dev.partnerauth.audit.GatedAuditLog.PATIENCE_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferedAuditLogTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration LONG_WAIT = Duration.ofSeconds(PATIENCE_SECONDS);

    private final RecordingLogger logger = new RecordingLogger();
    private final List<GatedAuditLog> gates = new ArrayList<>();
    private BufferedAuditLog buffered;

    @AfterEach
    void closeLog() {
        gates.forEach(GatedAuditLog::openGate); // a failed test must not leave the writer at a gate
        if (buffered != null) {
            buffered.close();
        }
    }

    private static AuditEvent event(int n) {
        return new AuditEvent(T0.plusMillis(n), AuditEventType.AUTHENTICATE_ACCEPTED, "AAAAAAAAAAA1", "u-" + n,
                "203.0.113.9", null, null, null, null);
    }

    private BufferedAuditLog start(AuditLog delegate, int capacity, int batchSize, Duration readWait) {
        if (delegate instanceof GatedAuditLog gated) {
            gates.add(gated);
        }
        buffered = BufferedAuditLog.start(delegate, capacity, batchSize, readWait, logger);
        return buffered;
    }

    @Test
    void onEventThenDelegateReceivesTheEventsInTheOrderRecorded() {
        GatedAuditLog delegate = GatedAuditLog.open();
        start(delegate, 10_000, 7, LONG_WAIT);
        List<AuditEvent> recorded = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            recorded.add(event(i));
            buffered.onEvent(event(i));
        }

        buffered.recent(1);

        assertEquals(recorded, delegate.stored());
        assertEquals(List.of(), delegate.singleWriters(), "nothing written on the caller's thread");
    }

    @Test
    void onEventThenReturnsWhileTheDelegateIsStillWriting() throws InterruptedException {
        GatedAuditLog delegate = GatedAuditLog.closed();
        start(delegate, 100, 500, LONG_WAIT);

        buffered.onEvent(event(1));
        assertEquals(List.of(event(1)), delegate.awaitBatch()); // the writer is now held at the gate

        buffered.onEvent(event(2));

        assertEquals(List.of(), delegate.stored());
        assertEquals(List.of(), delegate.singleWriters());
    }

    @Test
    void recentWhenEventRecordedJustBeforeOnTheSameThreadThenListed() {
        GatedAuditLog delegate = GatedAuditLog.closed();
        start(delegate, 100, 500, LONG_WAIT);
        buffered.onEvent(event(1));
        // the writer is held until this thread waits in recent(): a recent() that did not wait reads nothing
        Thread reader = Thread.currentThread();
        Thread opener = new Thread(() -> {
            while (!delegate.gateOpen() && reader.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            delegate.openGate();
        }, "opens the gate once the reader waits");
        opener.setDaemon(true);
        opener.start();

        assertEquals(List.of(event(1)), buffered.recent(10));
    }

    @Test
    void recentWhenWriterStuckThenReadsWhatIsStoredAfterTheReadWait() {
        GatedAuditLog delegate = GatedAuditLog.closed();
        start(delegate, 100, 500, Duration.ofMillis(20));
        buffered.onEvent(event(1));

        List<AuditEvent> listed = assertTimeoutPreemptively(LONG_WAIT, () -> buffered.recent(10));

        assertEquals(List.of(), listed);
    }

    @Test
    void onEventWhenQueueFullThenWrittenOnTheCallersThreadAndNothingLost() throws InterruptedException {
        GatedAuditLog delegate = GatedAuditLog.closed();
        start(delegate, 2, 1, LONG_WAIT);
        buffered.onEvent(event(0));
        assertEquals(List.of(event(0)), delegate.awaitBatch()); // the writer is now held at the gate
        buffered.onEvent(event(1));
        buffered.onEvent(event(2)); // the queue holds 2: full

        buffered.onEvent(event(3));

        assertEquals(List.of(event(3)), delegate.stored(), "written at once, before the queued ones");
        assertEquals(List.of(Thread.currentThread()), delegate.singleWriters());
        delegate.openGate();
        buffered.close();
        assertEquals(List.of(event(3), event(0), event(1), event(2)), delegate.stored());
    }

    @Test
    void onEventsWhenDelegateThrowsThenEventsLoggedAndLaterEventsStillWritten() {
        AtomicInteger calls = new AtomicInteger();
        InMemoryAuditLog kept = new InMemoryAuditLog(10);
        AuditLog failingOnce = new AuditLog() {
            @Override
            public void onEvent(AuditEvent event) {
                kept.onEvent(event);
            }

            @Override
            public void onEvents(List<AuditEvent> events) {
                if (calls.getAndIncrement() == 0) {
                    throw new IllegalStateException("database said no");
                }
                events.forEach(kept::onEvent);
            }

            @Override
            public List<AuditEvent> recent(int limit) {
                return kept.recent(limit);
            }
        };
        start(failingOnce, 100, 500, LONG_WAIT);
        buffered.onEvent(event(1));
        assertEquals(List.of(), buffered.recent(10), "the first batch failed");

        buffered.onEvent(event(2));

        assertEquals(List.of(event(2)), buffered.recent(10));
        List<String> warnings = logger.warnings();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("database said no"), warnings.get(0));
        assertTrue(warnings.get(0).contains("user=\"u-1\""), warnings.get(0));
    }

    @Test
    void closeHandsOnEveryQueuedEventBeforeReturning() throws InterruptedException {
        GatedAuditLog delegate = GatedAuditLog.closed();
        start(delegate, 1000, 10, LONG_WAIT);
        List<AuditEvent> recorded = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            recorded.add(event(i));
            buffered.onEvent(event(i));
        }
        delegate.awaitBatch();
        delegate.openGate();

        buffered.close();

        assertEquals(recorded, delegate.stored());
    }

    @Test
    void onEventWhenClosedThenWrittenOnTheCallersThread() {
        GatedAuditLog delegate = GatedAuditLog.open();
        start(delegate, 100, 500, LONG_WAIT);
        buffered.close();
        buffered.close();

        buffered.onEvent(event(1));

        assertEquals(List.of(event(1)), delegate.stored());
        assertEquals(List.of(Thread.currentThread()), delegate.singleWriters());
        assertEquals(List.of(event(1)), buffered.recent(10));
    }

    @Test
    void onEventWhenManyThreadsRecordAtOnceThenNoneLost() throws InterruptedException {
        GatedAuditLog delegate = GatedAuditLog.open();
        // a small queue, so that some callers find it full and write their own event
        start(delegate, 64, 16, LONG_WAIT);
        int threads = 8;
        int perThread = 5_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> recorders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t * perThread;
            Thread recorder = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = first; i < first + perThread; i++) {
                    buffered.onEvent(event(i));
                }
            });
            recorder.start();
            recorders.add(recorder);
        }
        go.countDown();
        for (Thread recorder : recorders) {
            recorder.join();
        }

        buffered.close();

        List<AuditEvent> stored = delegate.stored();
        assertEquals(threads * perThread, stored.size());
        Set<AuditEvent> distinct = new HashSet<>(stored);
        assertEquals(threads * perThread, distinct.size());
    }

    @Test
    void startWhenSettingsInvalidThenRefused() {
        AuditLog delegate = new InMemoryAuditLog(10);
        assertThrows(NullPointerException.class, () -> BufferedAuditLog.start(null));
        assertThrows(IllegalArgumentException.class, () -> BufferedAuditLog.start(delegate, 0, 10, LONG_WAIT));
        assertThrows(IllegalArgumentException.class, () -> BufferedAuditLog.start(delegate, 10, 0, LONG_WAIT));
        assertThrows(IllegalArgumentException.class, () -> BufferedAuditLog.start(delegate, 10, 10, Duration.ofSeconds(-1)));
    }
}
