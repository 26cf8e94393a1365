package dev.partnerauth.demo.cpq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.partnerauth.LaunchRequest;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.user.UserInformation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The demo's launch authorizer, a stand-in for asking the CRM who owns an opportunity: the first
 * partner to open an opportunity owns it from then on, and every other partner's {@code open/*} or
 * {@code create/quote} on it is refused. Ownership is kept in the demo database, so it survives a
 * restart and holds across nodes on one database.
 *
 * <p>The database decides every claim (its primary key picks the one winner of a race, on one node
 * or several), and an owner row is never changed or removed once written. So an owner read from
 * the database stays true for good, and this node keeps the owners it has seen in memory: a
 * launch on a known opportunity costs no SQL. The insert that failed on every repeated launch,
 * and the read after it, were half of {@code open/quote}'s CPU: beside the old build in one run,
 * pairs ran 1.8-3.1x as fast and the unchanged authenticate 1.2-1.5x (docs/benchmarks.md, "Where
 * the time goes").
 */
public final class FirstPartnerOwns implements LaunchAuthorizer {
    /** Bounds the memory for hosts with many opportunities; one that falls out is read again. */
    private static final int KNOWN_OWNERS = 100_000;

    private final DataSource dataSource;
    private final Clock clock;
    private final Cache<String, String> owners = Caffeine.newBuilder().maximumSize(KNOWN_OWNERS).build();

    public FirstPartnerOwns(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS demo_opportunity_owners (opportunity_id VARCHAR(300) PRIMARY KEY, "
                    + "partner_id VARCHAR(40) NOT NULL, claimed_at TIMESTAMP NOT NULL)" + ExactIds.tableOptions(c));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo_opportunity_owners table", e);
        }
    }

    @Override
    public Decision decide(PartnerId partner, UserInformation user, LaunchRequest request) {
        String opportunity = request.opportunityId();
        String owner = owners.getIfPresent(opportunity);
        if (owner == null) {
            // two threads may both get here for one opportunity: both learn the same owner from the database
            owner = ownerClaiming(opportunity, partner);
            owners.put(opportunity, owner);
        }
        return owner.equals(partner.value()) ? new Allowed()
                : new Refused("opportunity owned by partner " + owner + " (demo: first partner to open it)");
    }

    /** The owner, after claiming the opportunity for {@code partner} if nobody had: one winner under races. */
    private String ownerClaiming(String opportunity, PartnerId partner) {
        try (Connection c = dataSource.getConnection()) {
            String owner = ownerRow(c, opportunity);
            if (owner != null) {
                return owner;
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO demo_opportunity_owners (opportunity_id, partner_id, claimed_at) VALUES (?, ?, ?)")) {
                insert.setString(1, opportunity);
                insert.setString(2, partner.value());
                insert.setTimestamp(3, Timestamp.from(clock.instant()));
                insert.executeUpdate();
                return partner.value();
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
                // claimed by someone else between our read and our insert: theirs
            }
            owner = ownerRow(c, opportunity);
            if (owner == null) {
                throw new IllegalStateException("the opportunity's owner row vanished");
            }
            return owner;
        } catch (SQLException e) {
            throw new IllegalStateException("opportunity owners: " + e.getMessage(), e);
        }
    }

    private static String ownerRow(Connection c, String opportunity) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT partner_id FROM demo_opportunity_owners WHERE opportunity_id = ?")) {
            select.setString(1, opportunity);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
