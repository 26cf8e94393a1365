package dev.partnerauth.audit;

import dev.partnerauth.internal.jdbc.StoreDatabase;
import dev.partnerauth.jdbc.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit events in table {@code partner_auth_audit_events} (see {@link
 * dev.partnerauth.jdbc.PartnerAuthSchema}), so that the admin API shows the events of every node.
 * The table grows with every sign-in: schedule {@link #purgeOlderThan} for the retention the host
 * wants.
 *
 * <p>{@link #onEvent} and {@link #onEvents} never throw: when the database fails, every event not
 * stored is written to this class's logger at WARN instead, one line each, so it is not lost and
 * the request it audits is not failed by it.
 *
 * <p>{@link #onEvent} is one INSERT on the caller's thread. To take it off the request thread, wrap
 * this log in a {@link BufferedAuditLog}, which hands it batches for {@link #onEvents}.
 */
public final class JdbcAuditLog implements AuditLog {
    private static final String COLUMNS = "at, type, key_id, user_id, client_ip, reason, detail, partner_id, actor";
    private static final String INSERT = "INSERT INTO partner_auth_audit_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final StoreDatabase db;
    private final Logger log;

    public JdbcAuditLog(DataSource dataSource) {
        this(dataSource, StoreDatabase.DEFAULT_QUERY_TIMEOUT);
    }

    public JdbcAuditLog(DataSource dataSource, Duration queryTimeout) {
        this(dataSource, queryTimeout, LoggerFactory.getLogger(JdbcAuditLog.class));
    }

    /** With the logger that receives the events not stored: for tests, which have no SLF4J binding. */
    JdbcAuditLog(DataSource dataSource, Duration queryTimeout, Logger notStored) {
        this.db = new StoreDatabase(dataSource, queryTimeout);
        this.log = Objects.requireNonNull(notStored, "notStored");
    }

    @Override
    public void onEvent(AuditEvent event) {
        try {
            db.update("audit.insert", INSERT, s -> bind(s, event));
        } catch (RuntimeException e) {
            notStored(e, event);
        }
    }

    /**
     * Inserts the events as one JDBC batch in one transaction, so that they cost one connection
     * borrow and one commit between them. When that fails none is stored, and every one is written
     * to the logger at WARN.
     */
    @Override
    public void onEvents(List<AuditEvent> events) {
        try {
            db.updateBatch("audit.insert-batch", INSERT, events, this::bind);
        } catch (RuntimeException e) {
            for (AuditEvent event : events) {
                notStored(e, event);
            }
        }
    }

    private void bind(PreparedStatement s, AuditEvent event) throws SQLException {
        db.setInstant(s, 1, event.at());
        s.setString(2, event.type().name());
        s.setString(3, event.keyId());
        s.setString(4, event.userId());
        s.setString(5, event.clientIp());
        s.setString(6, event.reason());
        s.setString(7, event.detail());
        s.setString(8, event.partnerId());
        s.setString(9, event.actor());
    }

    /** One line per event, quoted as the SLF4J listener does, so that a crafted name cannot forge a line. */
    private void notStored(RuntimeException fault, AuditEvent event) {
        log.warn("audit event not stored ({}): at={} {}", fault.getMessage(), event.at(), Slf4jAuditListener.line(event));
    }

    @Override
    public List<AuditEvent> recent(int limit) {
        if (limit < 1) {
            return List.of();
        }
        return db.query("audit.recent", "SELECT " + COLUMNS + " FROM partner_auth_audit_events ORDER BY at DESC, id DESC LIMIT ?",
                s -> s.setInt(1, limit),
                rs -> new AuditEvent(db.getInstant(rs, "at"), AuditEventType.valueOf(rs.getString("type")),
                        rs.getString("key_id"), rs.getString("user_id"), rs.getString("client_ip"),
                        rs.getString("reason"), rs.getString("detail"), rs.getString("partner_id"), rs.getString("actor")));
    }

    /**
     * Deletes at most {@code limit} events older than {@code cutoff}, oldest first, in one statement.
     *
     * @return how many were deleted; call again while it equals {@code limit}
     */
    public int purgeOlderThan(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        // MariaDB and MySQL refuse LIMIT in an IN subquery but order and limit a DELETE itself
        String sql = db.dialect() == Dialect.MARIADB
                ? "DELETE FROM partner_auth_audit_events WHERE at < ? ORDER BY at LIMIT ?"
                : "DELETE FROM partner_auth_audit_events WHERE id IN"
                        + " (SELECT id FROM partner_auth_audit_events WHERE at < ? ORDER BY at LIMIT ?)";
        return db.update("audit.purge", sql, s -> {
                    db.setInstant(s, 1, cutoff);
                    s.setInt(2, limit);
                });
    }
}
