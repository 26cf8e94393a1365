package dev.partnerauth.demo;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's standard error, written out every {@value #FLUSH_MILLIS} ms instead of once per line.
 *
 * <p>The demo logs through slf4j-simple, which writes each line to {@code System.err} and flushes
 * it while holding one lock shared by every thread. With an audit line per sign-in, the request
 * threads queued on that lock behind a system call each (docs/benchmarks.md); here a line is copied
 * into a buffer under the lock, and a daemon thread writes the buffer out. A clean stop flushes;
 * a crash can lose the last {@value #FLUSH_MILLIS} ms of console lines (audit events are also in
 * the database).
 */
final class BufferedConsole implements AutoCloseable {
    static final long FLUSH_MILLIS = 100;

    private final BufferedOutputStream buffer;
    private final PrintStream original;
    private final ScheduledExecutorService flusher;

    private BufferedConsole(BufferedOutputStream buffer, PrintStream original, ScheduledExecutorService flusher) {
        this.buffer = buffer;
        this.original = original;
        this.flusher = flusher;
    }

    /** Replaces {@code System.err} until {@link #close}. */
    static BufferedConsole install() {
        return install(new FileOutputStream(FileDescriptor.err), Duration.ofMillis(FLUSH_MILLIS));
    }

    static BufferedConsole install(OutputStream target, Duration flushEvery) {
        PrintStream original = System.err;
        BufferedOutputStream buffer = new BufferedOutputStream(target, 64 * 1024);
        // a flush asked for by a writer is left to the timer: that is the whole point
        OutputStream flushOnTimer = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                buffer.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(flushOnTimer, false, StandardCharsets.UTF_8));
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-console-flush");
            t.setDaemon(true);
            return t;
        });
        BufferedConsole console = new BufferedConsole(buffer, original, flusher);
        flusher.scheduleWithFixedDelay(console::flush, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
        return console;
    }

    void flush() {
        try {
            buffer.flush();
        } catch (IOException e) {
            // standard error is gone (closed pipe): nothing left to tell
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
        System.setErr(original);
    }
}
