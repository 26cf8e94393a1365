package dev.partnerauth.bench;

import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.audit.JdbcAuditLog;
import dev.partnerauth.internal.jdbc.StoreDatabase;
import dev.partnerauth.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit writer's cost per row, for {@code BufferedAuditLog}'s batches of 500: {@code
 * JdbcAuditLog.onEvents} (one JDBC batch of single-row INSERTs, which H2 runs row by row) against
 * the same events as multi-row INSERTs of 100 rows, alternating, on H2 in memory through a
 * connection pool. Measured 2026-12-01: the multi-row form cost more per row, so onEvents kept the
 * batch (docs/benchmarks.md, "Where the time goes"). Prints the CPU time of this thread per row,
 * the median of the rounds.
 *
 * <p>{@code java -cp ... dev.partnerauth.bench.AuditBatchTiming [ROUNDS]}
 */
public final class AuditBatchTiming {
    private static final int BATCH = 500;
    private static final int ROWS_PER_INSERT = 100;
    private static final String INSERT = "INSERT INTO partner_auth_audit_events (at, type, key_id, user_id, client_ip,"
            + " reason, detail, partner_id, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private AuditBatchTiming() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        DataSource ds = TestDatabases.h2WithSchema();
        // pooled like the demo's Hikari pool, so that each physical connection keeps H2's statement cache
        org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create((org.h2.jdbcx.JdbcDataSource) ds);
        try {
            StoreDatabase db = new StoreDatabase(pool, StoreDatabase.DEFAULT_QUERY_TIMEOUT);
            JdbcAuditLog log = new JdbcAuditLog(pool);
            List<AuditEvent> batch = new ArrayList<>();
            Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
            for (int i = 0; i < BATCH; i++) {
                batch.add(new AuditEvent(t0.plusMillis(i), AuditEventType.AUTHENTICATE_ACCEPTED, "AbCdEfGh1234",
                        "prm-user-" + i, "203.0.113.9", null, null, "prt_1Ik7aaq7MwL2X9lieA9R", null));
            }
            var bean = java.lang.management.ManagementFactory.getThreadMXBean();
            List<Double> single = new ArrayList<>();
            List<Double> multi = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                long a = bean.getCurrentThreadCpuTime();
                log.onEvents(batch);
                long b = bean.getCurrentThreadCpuTime();
                multiRow(db, batch);
                long c = bean.getCurrentThreadCpuTime();
                if (r >= rounds / 4) { // the first quarter warms up
                    single.add((b - a) / 1e3 / BATCH);
                    multi.add((c - b) / 1e3 / BATCH);
                }
            }
            System.out.printf("H2 in memory, batches of %d, CPU us per row, median of %d rounds:%n", BATCH, single.size());
            System.out.printf("  onEvents: JDBC batch of single-row INSERTs  %.2f%n", median(single));
            System.out.printf("  multi-row INSERTs of %d rows               %.2f%n", ROWS_PER_INSERT, median(multi));
        } finally {
            pool.dispose();
            TestDatabases.drop(ds);
        }
    }

    private static void multiRow(StoreDatabase db, List<AuditEvent> batch) {
        db.inTransaction("bench.multi-row", c -> {
            for (int from = 0; from < batch.size(); from += ROWS_PER_INSERT) {
                List<AuditEvent> rows = batch.subList(from, Math.min(batch.size(), from + ROWS_PER_INSERT));
                StringBuilder sql = new StringBuilder(INSERT);
                for (int i = 1; i < rows.size(); i++) {
                    sql.append(", (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                }
                try (java.sql.PreparedStatement s = db.statement(c, sql.toString())) {
                    for (int i = 0; i < rows.size(); i++) {
                        AuditEvent e = rows.get(i);
                        int o = 9 * i;
                        db.setInstant(s, o + 1, e.at());
                        s.setString(o + 2, e.type().name());
                        s.setString(o + 3, e.keyId());
                        s.setString(o + 4, e.userId());
                        s.setString(o + 5, e.clientIp());
                        s.setString(o + 6, e.reason());
                        s.setString(o + 7, e.detail());
                        s.setString(o + 8, e.partnerId());
                        s.setString(o + 9, e.actor());
                    }
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
