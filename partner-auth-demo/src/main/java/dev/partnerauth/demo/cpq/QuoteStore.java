package dev.partnerauth.demo.cpq;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The demo CPQ's quotes, in the same database as partner-auth's tables. Every read and write is
 * for one partner: a partner never sees or changes another partner's quote, even on an opportunity
 * the host's authorizer let both open.
 */
public final class QuoteStore {
    private final DataSource dataSource;

    public QuoteStore(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS demo_quotes (id VARCHAR(300) PRIMARY KEY, "
                    + "opportunity_id VARCHAR(300) NOT NULL, name VARCHAR(200) NOT NULL, amount DECIMAL(14,2) NOT NULL, "
                    + "created_by VARCHAR(300) NOT NULL, created_at TIMESTAMP NOT NULL, synced_as VARCHAR(300))"
                    + ExactIds.tableOptions(c));
            s.execute("CREATE INDEX IF NOT EXISTS demo_quotes_opportunity ON demo_quotes (opportunity_id)");
            // quotes belong to the partner that made them; quotes of before partners belong to none
            s.execute("ALTER TABLE demo_quotes ADD COLUMN IF NOT EXISTS partner_id VARCHAR(40)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo_quotes table", e);
        }
    }

    void insert(Quote q) {
        update("INSERT INTO demo_quotes (id, partner_id, opportunity_id, name, amount, created_by, created_at, synced_as) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", q.id(), q.partnerId(), q.opportunityId(), q.name(), q.amount(),
                q.createdBy(), Timestamp.from(q.createdAt()), q.syncedAs());
    }

    /** Marks the quote synced only if it belongs to {@code opportunityId}, the one the partner was admitted to. */
    void markSynced(String partnerId, String id, String opportunityId, String syncedAs) {
        update("UPDATE demo_quotes SET synced_as = ? WHERE id = ? AND opportunity_id = ? AND partner_id = ?",
                syncedAs, id, opportunityId, partnerId);
    }

    /** The quote with this id whoever owns it: ids are unique, so a partner's new quote must not reuse one. */
    Optional<Quote> find(String id) {
        return query("SELECT * FROM demo_quotes WHERE id = ?", id).stream().findFirst();
    }

    List<Quote> forOpportunity(String partnerId, String opportunityId) {
        return query("SELECT * FROM demo_quotes WHERE opportunity_id = ? AND partner_id = ? ORDER BY created_at, id",
                opportunityId, partnerId);
    }

    private void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("quote store: " + e.getMessage(), e);
        }
    }

    private List<Quote> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<Quote> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Quote(rs.getString("id"), rs.getString("partner_id"), rs.getString("opportunity_id"), rs.getString("name"),
                            rs.getBigDecimal("amount"), rs.getString("created_by"),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("synced_as")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("quote store: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof BigDecimal d) {
                ps.setBigDecimal(i + 1, d);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }
}
