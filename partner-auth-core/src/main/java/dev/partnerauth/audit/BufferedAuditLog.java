package dev.partnerauth.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the writing of audit events off the request thread: wraps another {@link AuditLog} (in
 * practice a {@link JdbcAuditLog}), and {@link #onEvent} only puts the event on a bounded queue.
 * One daemon thread, {@value #THREAD_NAME}, takes what is queued, up to a batch at a time, and
 * hands it to the wrapped log's {@link AuditLog#onEvents}. It waits on the queue, not on a timer,
 * so a lone event is handed on as soon as it is queued; under load the events that arrive while a
 * batch is being written make up the next one.
 *
 * <p><b>No event is dropped.</b> When the queue is full (the database is slow or down), {@link
 * #onEvent} writes that event through the wrapped log on the caller's thread, as if there were no
 * buffer: the caller is slowed down rather than the event lost. When the wrapped log throws, which
 * it should not, every event of that batch is written to this class's logger at WARN and the
 * writer goes on with the next. Events recorded after {@link #close} are written on the caller's
 * thread.
 *
 * <p><b>What a crash loses.</b> The events still queued live only in this JVM's heap: if the
 * process dies without {@link #close} (kill -9, power loss, out of memory, or an exit that skips
 * it, the writer being a daemon thread), they are lost, at most {@code capacity} events and in
 * practice those of the last few milliseconds. An event is stored once the wrapped log has written
 * it.
 *
 * <p><b>Reading.</b> {@link #recent} first waits until every event recorded before the call, on
 * any thread, has been handed to the wrapped log, then reads the wrapped log: the admin API of this
 * node lists the sign-in it has just audited. The wait is bounded ({@code readWait}); past it the
 * read goes ahead without the events still queued. Events of other nodes show as the wrapped log
 * shows them.
 *
 * <p><b>Order.</b> Queued events reach the wrapped log in the order they were queued. An event
 * written on the caller's thread (queue full, or after close) may overtake events still queued.
 *
 * <p><b>Lifecycle.</b> {@link #start} starts the writer thread; {@link #close} hands on every
 * queued event and stops it. {@link dev.partnerauth.PartnerAuth} has no lifecycle and does not
 * close its audit log: the host that starts this log closes it when it shuts down, after the last
 * request (try-with-resources, a {@code ServletContextListener}, a container's destroy method).
 *
 * <p>Thread-safe. The wrapped log must be thread-safe too: the writer thread and callers writing
 * on their own thread may call it at the same time.
 */
public final class BufferedAuditLog implements AuditLog, AutoCloseable {
    /** Events queued at most, unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Events handed to the wrapped log at most at once, unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** How long {@link #recent} waits at most for the events queued before it, unless told otherwise. */
    public static final Duration DEFAULT_READ_WAIT = Duration.ofSeconds(5);
    /** The writer thread's name, as seen in thread dumps. */
    public static final String THREAD_NAME = "partner-auth-audit";

    /** What the queue holds: an event, a reader's marker, or the signal to stop. */
    private sealed interface Item permits Queued, Barrier, Stop {
    }

    private record Queued(AuditEvent event) implements Item {
    }

    /** Passed once every item queued before it has been handed on. */
    private static final class Barrier implements Item {
        final CountDownLatch passed = new CountDownLatch(1);
    }

    private enum Stop implements Item { STOP }

    private final AuditLog delegate;
    private final BlockingQueue<Item> queue;
    private final int capacity;
    /** Events in the queue or being taken from it: at most {@code capacity} are let in. */
    private final AtomicInteger queued = new AtomicInteger();
    private final int batchSize;
    private final long readWaitNanos;
    private final Logger log;
    private final Thread writer;
    /** Serialises the draining done after close, so that what is left is written in queue order. */
    private final Object leftovers = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();

    private BufferedAuditLog(AuditLog delegate, int capacity, int batchSize, Duration readWait, Logger log) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        Objects.requireNonNull(readWait, "readWait");
        if (readWait.isNegative()) {
            throw new IllegalArgumentException("readWait must not be negative");
        }
        // unbounded and lock-free for the request threads that offer (a bounded LinkedBlockingQueue
        // made them queue on its put lock, 10-100 ms behind a preempted holder under load:
        // docs/benchmarks.md); the bound is the count of queued events instead
        this.queue = new LinkedTransferQueue<>();
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.readWaitNanos = readWait.toNanos();
        this.log = Objects.requireNonNull(log, "log");
        this.writer = new Thread(this::writeUntilStopped, THREAD_NAME);
        this.writer.setDaemon(true);
    }

    /**
     * Starts a buffered log with the defaults: {@value #DEFAULT_CAPACITY} events queued at most,
     * batches of at most {@value #DEFAULT_BATCH_SIZE}, {@link #recent} waiting at most 5 seconds.
     */
    public static BufferedAuditLog start(AuditLog delegate) {
        return start(delegate, DEFAULT_CAPACITY, DEFAULT_BATCH_SIZE, DEFAULT_READ_WAIT);
    }

    /**
     * Starts a buffered log and its writer thread.
     *
     * @param delegate  where the events are written; thread-safe
     * @param capacity  events queued at most; beyond it callers write their own event
     * @param batchSize events handed to {@code delegate.onEvents} at most at once
     * @param readWait  how long {@link #recent} waits at most for the events queued before it
     */
    public static BufferedAuditLog start(AuditLog delegate, int capacity, int batchSize, Duration readWait) {
        return start(delegate, capacity, batchSize, readWait, LoggerFactory.getLogger(BufferedAuditLog.class));
    }

    /** With the logger that receives the events the delegate failed on: for tests. */
    static BufferedAuditLog start(AuditLog delegate, int capacity, int batchSize, Duration readWait, Logger log) {
        BufferedAuditLog buffered = new BufferedAuditLog(delegate, capacity, batchSize, readWait, log);
        buffered.writer.start();
        return buffered;
    }

    /** Queues the event and returns; writes it on this thread when the queue is full or the log closed. */
    @Override
    public void onEvent(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed.get()) {
            writeNow(event);
            return;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            // the writer is behind, the database slow or down: pay for this write here rather than drop it
            writeNow(event);
            return;
        }
        queue.offer(new Queued(event)); // never refused: the queue is unbounded, the count bounds it
        if (closed.get()) {
            // close() may have finished draining just before the offer: this event must not stay behind
            drainAfterWriterStopped();
        }
    }

    /**
     * Waits until every event recorded before this call has been handed to the wrapped log (at most
     * the read wait), then reads the wrapped log.
     */
    @Override
    public List<AuditEvent> recent(int limit) {
        awaitQueuedWritten();
        return delegate.recent(limit);
    }

    /**
     * Hands every queued event to the wrapped log, then stops the writer thread; waits for both.
     * Events recorded afterwards are written on the caller's thread. Calling it again waits for the
     * same and does nothing more.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            uninterruptibly(() -> queue.put(Stop.STOP));
        }
        drainAfterWriterStopped();
    }

    private void awaitQueuedWritten() {
        if (Thread.currentThread() == writer) {
            return;
        }
        if (closed.get()) {
            drainAfterWriterStopped(); // close() may still be handing on what was queued
            return;
        }
        long deadline = System.nanoTime() + readWaitNanos;
        Barrier barrier = new Barrier();
        try {
            queue.offer(barrier); // never refused: a barrier is not counted against the capacity
            if (closed.get()) {
                drainAfterWriterStopped(); // the writer may have stopped before reaching the barrier
            }
            barrier.passed.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilStopped() {
        List<Item> items = new ArrayList<>(batchSize);
        boolean stop = false;
        while (!stop) {
            try {
                items.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends this thread, by queueing STOP: the queued events come first
            }
            queue.drainTo(items, batchSize - 1);
            stop = handOn(items);
            items.clear();
        }
    }

    /**
     * What is left in the queue once the writer has stopped: events offered while close() ran. The
     * writer must have stopped first, or this could take the STOP it waits for.
     */
    private void drainAfterWriterStopped() {
        if (Thread.currentThread() == writer) {
            return;
        }
        uninterruptibly(writer::join);
        synchronized (leftovers) {
            List<Item> items = new ArrayList<>();
            queue.drainTo(items);
            handOn(items);
        }
    }

    /**
     * Hands the events among {@code items} to the wrapped log in order, releasing each barrier once
     * the events before it are written.
     *
     * @return whether STOP was among them
     */
    private boolean handOn(List<Item> items) {
        boolean stop = false;
        List<AuditEvent> events = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item instanceof Queued q) {
                events.add(q.event());
                queued.decrementAndGet();
            } else if (item instanceof Barrier b) {
                write(events);
                events = new ArrayList<>(items.size());
                b.passed.countDown();
            } else {
                stop = true;
            }
        }
        write(events);
        return stop;
    }

    private void write(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            delegate.onEvents(events);
        } catch (RuntimeException | Error e) {
            // Errors too: a writer thread that died would leave every queued event behind
            notStored(e, events);
        }
    }

    private void writeNow(AuditEvent event) {
        try {
            delegate.onEvent(event);
        } catch (RuntimeException e) {
            notStored(e, List.of(event));
        }
    }

    private void notStored(Throwable fault, List<AuditEvent> events) {
        for (AuditEvent event : events) {
            log.warn("audit event not stored ({}): at={} {}", fault, event.at(), Slf4jAuditListener.line(event));
        }
    }

    /** Runs a blocking step to its end even when interrupted, and keeps the interrupt for the caller. */
    private static void uninterruptibly(Blocking step) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    step.run();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @FunctionalInterface
    private interface Blocking {
        void run() throws InterruptedException;
    }
}
