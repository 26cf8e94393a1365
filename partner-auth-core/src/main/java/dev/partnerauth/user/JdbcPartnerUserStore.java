package dev.partnerauth.user;

import dev.partnerauth.internal.jdbc.StoreDatabase;
import dev.partnerauth.jdbc.Dialect;
import dev.partnerauth.key.PartnerId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Partner users in table {@code partner_auth_users} (see {@link dev.partnerauth.jdbc.PartnerAuthSchema}),
 * keyed by {@code (partner_id, user_id)}. {@link #upsert} reads first and writes only when the
 * details changed or the recorded sign-in is older than {@link PartnerUserStore#SIGN_IN_RESOLUTION}; the write is one statement,
 * so concurrent first sign-ins of one user cannot collide. A host that keeps users in its own table
 * implements {@link PartnerUserStore} instead.
 */
public final class JdbcPartnerUserStore implements PartnerUserStore {
    private static final List<String> DETAILS = List.of("login", "email", "name", "position", "phone", "mobile", "fax",
            "company", "street", "city", "state", "country", "postal_code", "profile_img");
    private static final String COLUMNS = "partner_id, user_id, " + String.join(", ", DETAILS)
            + ", enabled, created_at, updated_at, last_sign_in_at";
    /** What a read returns: the written columns, and the two that only the partner's calls write. */
    private static final String READ = COLUMNS + ", active, session_generation";
    private static final String PLACEHOLDERS = "?, ".repeat(DETAILS.size() + 2) + "TRUE, ?, ?, ?";

    private static final String POSTGRESQL_UPSERT = "INSERT INTO partner_auth_users (" + COLUMNS + ") VALUES ("
            + PLACEHOLDERS + ") ON CONFLICT (partner_id, user_id) DO UPDATE SET "
            + String.join(", ", DETAILS.stream().map(c -> c + " = EXCLUDED." + c).toList())
            + ", updated_at = EXCLUDED.updated_at, last_sign_in_at = EXCLUDED.last_sign_in_at RETURNING " + READ;
    // H2 has no ON CONFLICT; MERGE ... USING is its one-statement upsert, and FINAL TABLE returns the row
    private static final String H2_UPSERT = "SELECT " + READ + " FROM FINAL TABLE (MERGE INTO partner_auth_users u"
            + " USING (SELECT CAST(? AS VARCHAR(40)) AS partner_id, CAST(? AS VARCHAR(255)) AS user_id, "
            + String.join(", ", DETAILS.stream().map(c -> "CAST(? AS VARCHAR(2048)) AS " + c).toList())
            + ", CAST(? AS TIMESTAMP(6) WITH TIME ZONE) AS created_at, CAST(? AS TIMESTAMP(6) WITH TIME ZONE) AS updated_at"
            + ", CAST(? AS TIMESTAMP(6) WITH TIME ZONE) AS last_sign_in_at) s"
            + " ON u.partner_id = s.partner_id AND u.user_id = s.user_id"
            + " WHEN MATCHED THEN UPDATE SET " + String.join(", ", DETAILS.stream().map(c -> c + " = s." + c).toList())
            + ", updated_at = s.updated_at, last_sign_in_at = s.last_sign_in_at"
            + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (s.partner_id, s.user_id, "
            + String.join(", ", DETAILS.stream().map(c -> "s." + c).toList())
            + ", TRUE, s.created_at, s.updated_at, s.last_sign_in_at))";

    // MariaDB and MySQL upsert with ON DUPLICATE KEY UPDATE (VALUES(c) is deprecated in MySQL 8.0.20
    // but still the one spelling both accept) and return nothing: the row is read back in the same
    // transaction, which sees its own write
    private static final String MARIADB_UPSERT = "INSERT INTO partner_auth_users (" + COLUMNS + ") VALUES ("
            + PLACEHOLDERS + ") ON DUPLICATE KEY UPDATE "
            + String.join(", ", DETAILS.stream().map(c -> c + " = VALUES(" + c + ")").toList())
            + ", updated_at = VALUES(updated_at), last_sign_in_at = VALUES(last_sign_in_at)";
    private static final String FIND = "SELECT " + READ + " FROM partner_auth_users WHERE partner_id = ? AND user_id = ?";

    private final StoreDatabase db;

    public JdbcPartnerUserStore(DataSource dataSource) {
        this(dataSource, StoreDatabase.DEFAULT_QUERY_TIMEOUT);
    }

    public JdbcPartnerUserStore(DataSource dataSource, Duration queryTimeout) {
        this.db = new StoreDatabase(dataSource, queryTimeout);
    }

    @Override
    public PartnerUser upsert(PartnerId partner, UserInformation information, Instant now) {
        // a returning partner's details rarely change: a read is far cheaper than a write, and
        // takes no row lock
        Optional<PartnerUser> existing = find(partner, information.userId());
        if (existing.isPresent() && existing.get().isCurrentFor(information, now)) {
            return existing.get();
        }
        if (existing.isPresent() && existing.get().information().equals(information)) {
            db.update("users.signIn", "UPDATE partner_auth_users SET last_sign_in_at = ? WHERE partner_id = ? AND user_id = ?", s -> {
                db.setInstant(s, 1, now);
                s.setString(2, partner.value());
                s.setString(3, information.userId());
            });
            return existing.get().signedInWith(information, now);
        }
        if (db.dialect() == Dialect.POSTGRESQL) {
            return upsert(POSTGRESQL_UPSERT, partner, information, now);
        }
        if (db.dialect() == Dialect.MARIADB) {
            // two first sign-ins racing may deadlock on InnoDB's gap locks; inTransaction runs the
            // loser again, and its upsert then updates the winner's row
            return db.inTransaction("users.upsert", c -> {
                try (PreparedStatement s = db.statement(c, MARIADB_UPSERT)) {
                    bind(s, partner, information, now);
                    s.executeUpdate();
                }
                try (PreparedStatement s = db.statement(c, FIND)) {
                    s.setString(1, partner.value());
                    s.setString(2, information.userId());
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("the upsert of a partner user left no row");
                        }
                        return user(rs);
                    }
                }
            });
        }
        try {
            return upsert(H2_UPSERT, partner, information, now);
        } catch (IllegalStateException e) {
            // H2's MERGE is not race-free: two first sign-ins may both take the insert branch. The
            // loser's retry now matches the winner's row and updates it, as ON CONFLICT would have.
            if (!StoreDatabase.isUniqueViolation(e)) {
                throw e;
            }
            return upsert(H2_UPSERT, partner, information, now);
        }
    }

    private PartnerUser upsert(String sql, PartnerId partner, UserInformation information, Instant now) {
        return db.query("users.upsert", sql, s -> bind(s, partner, information, now), this::user).stream()
                .findFirst().orElseThrow(() -> new IllegalStateException("the upsert of a partner user returned no row"));
    }

    @Override
    public Optional<PartnerUser> find(PartnerId partner, String userId) {
        return db.query("users.find", FIND,
                s -> {
                    s.setString(1, partner.value());
                    s.setString(2, userId);
                }, this::user).stream().findFirst();
    }

    @Override
    public boolean setEnabled(PartnerId partner, String userId, boolean enabled) {
        return db.update("users.setEnabled", "UPDATE partner_auth_users SET enabled = ? WHERE partner_id = ? AND user_id = ?", s -> {
            s.setBoolean(1, enabled);
            s.setString(2, partner.value());
            s.setString(3, userId);
        }) > 0;
    }

    /** One statement: the increment is the database's, so concurrent sign-outs on two nodes both count. */
    @Override
    public boolean signOut(PartnerId partner, String userId) {
        return db.update("users.signOut", "UPDATE partner_auth_users SET session_generation = session_generation + 1"
                + " WHERE partner_id = ? AND user_id = ?", s -> {
                    s.setString(1, partner.value());
                    s.setString(2, userId);
                }) > 0;
    }

    @Override
    public boolean setActive(PartnerId partner, String userId, boolean active) {
        // reactivation moves the generation on only when the user was inactive (see PartnerUserStore)
        String sql = active ? "UPDATE partner_auth_users SET session_generation = session_generation"
                + " + CASE WHEN active THEN 0 ELSE 1 END, active = TRUE WHERE partner_id = ? AND user_id = ?"
                : "UPDATE partner_auth_users SET active = FALSE, session_generation = session_generation + 1"
                        + " WHERE partner_id = ? AND user_id = ?";
        return db.update(active ? "users.activate" : "users.deactivate", sql, s -> {
            s.setString(1, partner.value());
            s.setString(2, userId);
        }) > 0;
    }

    @Override
    public List<PartnerUser> list(PartnerId partner, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        if (partner == null) {
            return db.query("users.list", "SELECT " + READ + " FROM partner_auth_users ORDER BY partner_id, user_id LIMIT ?",
                    s -> s.setInt(1, limit), this::user);
        }
        return db.query("users.listPartner", "SELECT " + READ
                + " FROM partner_auth_users WHERE partner_id = ? ORDER BY user_id LIMIT ?", s -> {
                    s.setString(1, partner.value());
                    s.setInt(2, limit);
                }, this::user);
    }

    private void bind(PreparedStatement s, PartnerId partner, UserInformation u, Instant now) throws SQLException {
        String[] values = {partner.value(), u.userId(), u.login(), u.email(), u.name(), u.position(), u.phone(), u.mobile(), u.fax(),
                u.company(), u.street(), u.city(), u.state(), u.country(), u.postalCode(), u.profileImg()};
        for (int i = 0; i < values.length; i++) {
            s.setString(i + 1, values[i]);
        }
        db.setInstant(s, values.length + 1, now);
        db.setInstant(s, values.length + 2, now);
        db.setInstant(s, values.length + 3, now);
    }

    private PartnerUser user(ResultSet rs) throws SQLException {
        UserInformation information = new UserInformation(rs.getString("user_id"), rs.getString("login"),
                rs.getString("email"), rs.getString("name"), rs.getString("position"), rs.getString("phone"),
                rs.getString("mobile"), rs.getString("fax"), rs.getString("company"), rs.getString("street"),
                rs.getString("city"), rs.getString("state"), rs.getString("country"), rs.getString("postal_code"),
                rs.getString("profile_img"));
        return new PartnerUser(new PartnerId(rs.getString("partner_id")), information, rs.getBoolean("enabled"),
                db.getInstant(rs, "created_at"), db.getInstant(rs, "updated_at"),
                db.getInstant(rs, "last_sign_in_at"), rs.getBoolean("active"), rs.getLong("session_generation"));
    }
}
