package dev.partnerauth.internal.jdbc;

import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.token.OneTimeGrantStore;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.jdbc.Dialect;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Outstanding grants in table {@code partner_auth_grants} (see {@link
 * dev.partnerauth.jdbc.PartnerAuthSchema}): a token minted on one node is redeemable exactly once on
 * any node. Rows hold the SHA-256 of the credential, never the credential.
 *
 * <p>{@link #consume} is a single {@code DELETE} that returns the row it removed (on MariaDB and
 * MySQL a locking read and a delete in one transaction), so of any number
 * of concurrent redeems only the one whose delete found the row gets the grant; there is no
 * read-then-delete window; in a pool whose transactions are REPEATABLE READ or SERIALIZABLE the
 * losers get a serialization failure from the database, which is answered as a used grant too.
 * Expired rows linger until redeemed or purged: schedule {@link
 * #purgeExpired} (the demo runs it every minute).
 */
public final class JdbcGrantStore implements OneTimeGrantStore {
    private static final String RETURNED = "key_id, partner_id, user_id, opportunity_ids, expires_at, session_generation";
    private static final String POSTGRESQL_CONSUME = "DELETE FROM partner_auth_grants WHERE kind = ? AND digest = ? RETURNING " + RETURNED;
    // H2 has no DELETE ... RETURNING; its data change delta table is the one-statement equivalent
    private static final String H2_CONSUME = "SELECT " + RETURNED + " FROM OLD TABLE (DELETE FROM partner_auth_grants WHERE kind = ? AND digest = ?)";
    // MariaDB has DELETE ... RETURNING but MySQL 8 has not: the one SQL both accept is a locking read
    // and a delete in one transaction, the delete's row count deciding (see consume)
    private static final String MARIADB_CLAIM = "SELECT " + RETURNED + " FROM partner_auth_grants WHERE kind = ? AND digest = ? FOR UPDATE";
    private static final String MARIADB_DELETE = "DELETE FROM partner_auth_grants WHERE kind = ? AND digest = ?";
    private static final String PURGE = "DELETE FROM partner_auth_grants WHERE (kind, digest) IN"
            + " (SELECT kind, digest FROM partner_auth_grants WHERE expires_at <= ? LIMIT ?)";
    // MariaDB and MySQL refuse LIMIT in an IN subquery, and a subquery on the table being deleted
    // from, but take a LIMIT on the DELETE itself
    private static final String MARIADB_PURGE = "DELETE FROM partner_auth_grants WHERE expires_at <= ? LIMIT ?";

    private final StoreDatabase db;

    public JdbcGrantStore(DataSource dataSource) {
        this(dataSource, StoreDatabase.DEFAULT_QUERY_TIMEOUT);
    }

    public JdbcGrantStore(DataSource dataSource, Duration queryTimeout) {
        this.db = new StoreDatabase(dataSource, queryTimeout);
    }

    @Override
    public void save(GrantKind kind, GrantDigest digest, PendingGrant grant) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(grant, "grant");
        db.update("grants.save", "INSERT INTO partner_auth_grants (kind, digest, " + RETURNED + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setString(1, kind.name());
            s.setBytes(2, digest.toBytes());
            s.setString(3, grant.keyId().value());
            s.setString(4, grant.partnerId().value());
            s.setString(5, grant.userId());
            s.setString(6, StoreDatabase.encodeList(grant.opportunityIds()));
            db.setInstant(s, 7, grant.expiresAt());
            s.setLong(8, grant.sessionGeneration());
        });
    }

    @Override
    public Optional<PendingGrant> consume(GrantKind kind, GrantDigest digest, Instant now) {
        Objects.requireNonNull(now, "now");
        StoreDatabase.Parameters key = s -> {
            s.setString(1, kind.name());
            s.setBytes(2, digest.toBytes());
        };
        List<PendingGrant> removed;
        try {
            removed = switch (db.dialect()) {
                case POSTGRESQL -> db.query("grants.consume", POSTGRESQL_CONSUME, key, this::grant);
                case H2 -> db.query("grants.consume", H2_CONSUME, key, this::grant);
                case MARIADB -> claim(key);
            };
        } catch (RuntimeException e) {
            // under REPEATABLE READ or SERIALIZABLE the loser of a concurrent delete is told so by a
            // serialization failure: the row is the winner's, so this is a used token, not an outage
            if (StoreDatabase.isSerializationFailure(e)) {
                return Optional.empty();
            }
            throw e;
        }
        return removed.stream().filter(g -> !g.isExpiredAt(now)).findFirst();
    }

    /** One indexed read by primary key; the row's expiry is judged here, on the caller's clock. */
    @Override
    public boolean isOutstanding(GrantKind kind, GrantDigest digest, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Instant> expiry = db.query("grants.isOutstanding",
                "SELECT expires_at FROM partner_auth_grants WHERE kind = ? AND digest = ?", s -> {
                    s.setString(1, kind.name());
                    s.setBytes(2, digest.toBytes());
                }, rs -> db.getInstant(rs, "expires_at"));
        return expiry.stream().anyMatch(now::isBefore);
    }

    /**
     * MariaDB and MySQL: the {@code FOR UPDATE} read locks the row, so a concurrent claim waits
     * for this transaction and then finds nothing; the winner is whoever's DELETE removed the row,
     * which holds under any isolation level (a DELETE always reads the newest committed row).
     */
    private List<PendingGrant> claim(StoreDatabase.Parameters key) {
        return db.inTransaction("grants.consume", c -> {
            List<PendingGrant> found = new ArrayList<>(1);
            try (PreparedStatement s = db.statement(c, MARIADB_CLAIM)) {
                key.bind(s);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(grant(rs));
                    }
                }
            }
            if (found.isEmpty()) {
                return found;
            }
            try (PreparedStatement s = db.statement(c, MARIADB_DELETE)) {
                key.bind(s);
                return s.executeUpdate() == 1 ? found : List.of();
            }
        });
    }

    @Override
    public void revokeKey(KeyId keyId) {
        db.update("grants.revokeKey", "DELETE FROM partner_auth_grants WHERE key_id = ?", s -> s.setString(1, keyId.value()));
    }

    @Override
    public void revokeAll() {
        db.update("grants.revokeAll", "DELETE FROM partner_auth_grants", StoreDatabase.Parameters.NONE);
    }

    /** Removes at most {@code limit} expired grants in one statement, so a purge never holds many locks. */
    @Override
    public int purgeExpired(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return db.update("grants.purgeExpired", db.dialect() == Dialect.MARIADB ? MARIADB_PURGE : PURGE, s -> {
            db.setInstant(s, 1, now);
            s.setInt(2, limit);
        });
    }

    private PendingGrant grant(ResultSet rs) throws SQLException {
        return new PendingGrant(new KeyId(rs.getString("key_id")), new PartnerId(rs.getString("partner_id")),
                rs.getString("user_id"),
                new HashSet<>(StoreDatabase.decodeList(rs.getString("opportunity_ids"))),
                db.getInstant(rs, "expires_at"), rs.getLong("session_generation"));
    }
}
