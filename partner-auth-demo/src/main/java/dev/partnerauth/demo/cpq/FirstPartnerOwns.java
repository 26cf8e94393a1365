package dev.partnerauth.demo.cpq;

import dev.partnerauth.LaunchRequest;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.user.UserInformation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * The demo's launch authorizer, a stand-in for asking the CRM who owns an opportunity: the first
 * partner to open an opportunity owns it from then on, and every other partner's {@code open/*} or
 * {@code create/quote} on it is refused. Ownership is kept in the demo database, so it survives a
 * restart and holds across nodes on one database.
 */
public final class FirstPartnerOwns implements LaunchAuthorizer {
    private final DataSource dataSource;
    private final Clock clock;

    public FirstPartnerOwns(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS demo_opportunity_owners (opportunity_id VARCHAR(300) PRIMARY KEY, "
                    + "partner_id VARCHAR(40) NOT NULL, claimed_at TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo_opportunity_owners table", e);
        }
    }

    @Override
    public Decision decide(PartnerId partner, UserInformation user, LaunchRequest request) {
        String owner = ownerClaiming(request.opportunityId(), partner);
        return owner.equals(partner.value()) ? new Allowed()
                : new Refused("opportunity owned by partner " + owner + " (demo: first partner to open it)");
    }

    /** The owner, after claiming the opportunity for {@code partner} if nobody had: one winner under races. */
    private String ownerClaiming(String opportunity, PartnerId partner) {
        try (Connection c = dataSource.getConnection()) {
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
                // someone claimed it first (or just now): theirs
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT partner_id FROM demo_opportunity_owners WHERE opportunity_id = ?")) {
                select.setString(1, opportunity);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("the opportunity's owner row vanished");
                    }
                    return rs.getString(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("opportunity owners: " + e.getMessage(), e);
        }
    }
}
