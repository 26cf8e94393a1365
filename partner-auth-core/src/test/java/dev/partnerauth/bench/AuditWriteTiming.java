package dev.partnerauth.bench;

import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.audit.AuditLog;
import dev.partnerauth.audit.BufferedAuditLog;
import dev.partnerauth.audit.JdbcAuditLog;
import dev.partnerauth.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The request thread's share of auditing: {@code N} {@code onEvent} calls (default 10 000) from one
 * thread through a {@link JdbcAuditLog}, against the same through a {@link BufferedAuditLog} in
 * front of it (default capacity and batch size). For the buffered log it also reports when the
 * last event was stored ({@code recent(1)} returns only then), how many batches the writer made and
 * how many events callers wrote themselves because the queue was full. Every round checks the row
 * count. Then the delay of a lone event: from {@code onEvent} to the end of its insert on the
 * writer thread, one event at a time. H2 in memory (a new connection per call, no pool) and, with {@code postgres}, the local
 * PostgreSQL of {@link dev.partnerauth.testing.TestDatabases} (its small pool).
 *
 * <p>{@code java -cp ... dev.partnerauth.bench.AuditWriteTiming [N] [h2|postgres ...]}
 */
public final class AuditWriteTiming {
    private static final int WARM_UP_ROUNDS = 3;
    private static final int ROUNDS = 7;

    private AuditWriteTiming() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<String> databases = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of("h2", "postgres");
        for (String db : databases) {
            DataSource ds = db.equals("postgres") ? TestDatabases.postgresWithSchema() : TestDatabases.h2WithSchema();
            try {
                run(db, ds, n);
            } finally {
                TestDatabases.drop(ds);
            }
        }
    }

    private static void run(String db, DataSource ds, int n) throws Exception {
        AuditEvent[] events = new AuditEvent[n];
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            events[i] = new AuditEvent(t0.plusMillis(i), AuditEventType.AUTHENTICATE_ACCEPTED, "AbCdEfGh1234",
                    "prm-user-" + (i % 1000), "203.0.113.9", null, null, null, null);
        }
        JdbcAuditLog jdbc = new JdbcAuditLog(ds);
        List<Double> direct = new ArrayList<>();
        List<Double> bufferedCaller = new ArrayList<>();
        List<Double> bufferedStored = new ArrayList<>();
        List<String> writes = new ArrayList<>();
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            boolean measured = round >= WARM_UP_ROUNDS;

            TestDatabases.deleteAllRows(ds);
            long start = System.nanoTime();
            for (AuditEvent e : events) {
                jdbc.onEvent(e);
            }
            long end = System.nanoTime();
            expectRows(ds, n);
            if (measured) {
                direct.add((end - start) / 1e6);
            }

            TestDatabases.deleteAllRows(ds);
            CountingLog counted = new CountingLog(jdbc);
            try (BufferedAuditLog buffered = BufferedAuditLog.start(counted)) {
                start = System.nanoTime();
                for (AuditEvent e : events) {
                    buffered.onEvent(e);
                }
                long returned = System.nanoTime();
                buffered.recent(1);
                long stored = System.nanoTime();
                if (measured) {
                    bufferedCaller.add((returned - start) / 1e6);
                    bufferedStored.add((stored - start) / 1e6);
                    writes.add(counted.batches.get() + "/" + counted.single.get());
                }
            }
            expectRows(ds, n);
        }
        System.out.printf("%s, %,d onEvent calls, one thread, %d rounds after %d warm-up:%n", db, n, ROUNDS, WARM_UP_ROUNDS);
        System.out.printf("  JdbcAuditLog            caller %s ms (median %.1f)%n", direct, median(direct));
        System.out.printf("  BufferedAuditLog        caller %s ms (median %.1f)%n", bufferedCaller, median(bufferedCaller));
        System.out.printf("                          all stored %s ms (median %.1f)%n", bufferedStored, median(bufferedStored));
        System.out.printf("                          writer batches / caller writes (queue full) per round: %s%n", writes);
        loneEvents(ds, events);
    }

    /** From onEvent to the end of the writer's insert, one event at a time on an idle log. */
    private static void loneEvents(DataSource ds, AuditEvent[] events) throws Exception {
        BlockingQueue<Long> storedAt = new LinkedBlockingQueue<>();
        JdbcAuditLog jdbc = new JdbcAuditLog(ds);
        AuditLog timed = new AuditLog() {
            @Override
            public void onEvent(AuditEvent event) {
                jdbc.onEvent(event);
                storedAt.add(System.nanoTime());
            }

            @Override
            public void onEvents(List<AuditEvent> batch) {
                jdbc.onEvents(batch);
                storedAt.add(System.nanoTime());
            }

            @Override
            public List<AuditEvent> recent(int limit) {
                return jdbc.recent(limit);
            }
        };
        List<Double> micros = new ArrayList<>();
        try (BufferedAuditLog buffered = BufferedAuditLog.start(timed)) {
            for (int i = 0; i < 600; i++) {
                long start = System.nanoTime();
                buffered.onEvent(events[i % events.length]);
                long stored = storedAt.take();
                if (i >= 100) {
                    micros.add((stored - start) / 1e3);
                }
            }
        }
        micros.sort(null);
        System.out.printf("  lone event, onEvent to stored (500 after 100 warm-up): median %.0f µs, p99 %.0f µs, max %.0f µs%n",
                median(micros), micros.get((int) (micros.size() * 0.99)), micros.get(micros.size() - 1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static void expectRows(DataSource ds, int n) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM partner_auth_audit_events")) {
            rs.next();
            if (rs.getInt(1) != n) {
                throw new IllegalStateException("expected " + n + " rows, found " + rs.getInt(1));
            }
        }
    }

    /** Counts what reaches the JDBC log: batches from the writer, single events from callers. */
    private static final class CountingLog implements AuditLog {
        private final AuditLog delegate;
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger single = new AtomicInteger();

        CountingLog(AuditLog delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onEvent(AuditEvent event) {
            single.incrementAndGet();
            delegate.onEvent(event);
        }

        @Override
        public void onEvents(List<AuditEvent> events) {
            batches.incrementAndGet();
            delegate.onEvents(events);
        }

        @Override
        public List<AuditEvent> recent(int limit) {
            return delegate.recent(limit);
        }
    }
}
