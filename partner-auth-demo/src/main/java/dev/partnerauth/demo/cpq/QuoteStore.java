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
 * for one partner, and quote ids are per partner (the key is partner and id together): a partner
 * never sees or changes another partner's quote, even on an opportunity the host's authorizer let
 * both open, and a quote id that one partner's PRM names (or squats) means nothing for another's.
 */
public final class QuoteStore {
    private final DataSource dataSource;

    public QuoteStore(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // demo_quotes, the earlier table, had one id space for all partners; its rows are left where they are
            s.execute("CREATE TABLE IF NOT EXISTS demo_partner_quotes (partner_id VARCHAR(40) NOT NULL, id VARCHAR(300) NOT NULL, "
                    + "opportunity_id VARCHAR(300) NOT NULL, name VARCHAR(200) NOT NULL, amount DECIMAL(14,2) NOT NULL, "
                    + "created_by VARCHAR(300) NOT NULL, created_at TIMESTAMP NOT NULL, synced_as VARCHAR(300), "
                    + "PRIMARY KEY (partner_id, id))" + ExactIds.tableOptions(c));
            s.execute("CREATE INDEX IF NOT EXISTS demo_partner_quotes_opportunity ON demo_partner_quotes (partner_id, opportunity_id)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo_partner_quotes table", e);
        }
    }

    /** Stores the quote unless its partner already has one of that id: whether it was stored. */
    boolean insertIfAbsent(Quote q) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO demo_partner_quotes (partner_id, id, opportunity_id, name, amount, created_by, created_at, synced_as) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, q.partnerId(), q.id(), q.opportunityId(), q.name(), q.amount(), q.createdBy(),
                    Timestamp.from(q.createdAt()), q.syncedAs());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // this partner's id already taken (a concurrent placeholder, an id that came up twice)
            }
            throw new IllegalStateException("quote store: " + e.getMessage(), e);
        }
    }

    /** Marks the partner's quote synced only if it belongs to {@code opportunityId}, the one the partner was admitted to. */
    void markSynced(String partnerId, String id, String opportunityId, String syncedAs) {
        update("UPDATE demo_partner_quotes SET synced_as = ? WHERE partner_id = ? AND id = ? AND opportunity_id = ?",
                syncedAs, partnerId, id, opportunityId);
    }

    /** The partner's quote with this id; another partner's quote of the same id is not found. */
    Optional<Quote> find(String partnerId, String id) {
        return query("SELECT * FROM demo_partner_quotes WHERE partner_id = ? AND id = ?", partnerId, id).stream().findFirst();
    }

    List<Quote> forOpportunity(String partnerId, String opportunityId) {
        return query("SELECT * FROM demo_partner_quotes WHERE partner_id = ? AND opportunity_id = ? ORDER BY created_at, id",
                partnerId, opportunityId);
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
