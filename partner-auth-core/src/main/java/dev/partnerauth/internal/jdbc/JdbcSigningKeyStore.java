package dev.partnerauth.internal.jdbc;

import dev.partnerauth.token.SigningKey;
import dev.partnerauth.token.SigningKeyStore;
import dev.partnerauth.jdbc.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Token-signing keys in table {@code partner_auth_signing_keys} (see {@link
 * dev.partnerauth.jdbc.PartnerAuthSchema}), shared by every node with no configuration. The secrets
 * are stored as they are (an HMAC key cannot be hashed): protect the table like any credential.
 *
 * <p>Nodes that start together race to store the first key; a unique bootstrap flag lets exactly
 * one insert win, and every node then reads the winner's key.
 */
public final class JdbcSigningKeyStore implements SigningKeyStore {
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, seq DESC";

    private final StoreDatabase db;

    public JdbcSigningKeyStore(DataSource dataSource) {
        this(dataSource, StoreDatabase.DEFAULT_QUERY_TIMEOUT);
    }

    public JdbcSigningKeyStore(DataSource dataSource, Duration queryTimeout) {
        this.db = new StoreDatabase(dataSource, queryTimeout);
    }

    @Override
    public List<SigningKey> keys(Supplier<SigningKey> first) {
        Objects.requireNonNull(first, "first");
        List<SigningKey> keys = load();
        if (!keys.isEmpty()) {
            return keys;
        }
        SigningKey candidate = Objects.requireNonNull(first.get(), "first key");
        // a loser of the race gets a unique violation on bootstrap and simply reads the winner's key
        String insert = "INSERT INTO partner_auth_signing_keys (kid, secret, created_at, bootstrap) ";
        // MariaDB: a plain insert, the UNIQUE bootstrap flag alone picking the winner. Its INSERT ...
        // SELECT from the same AUTO_INCREMENT table failed under this race ("Failed to read
        // auto-increment value from storage engine", MultiNodeHttpTest) and takes gap locks besides
        String sql = db.dialect() == Dialect.MARIADB ? insert + "VALUES (?, ?, ?, TRUE)"
                : insert + "SELECT ?, ?, ?, TRUE WHERE NOT EXISTS (SELECT 1 FROM partner_auth_signing_keys)";
        db.insertUnlessDuplicate("signingKeys.bootstrap", sql, s -> {
                    s.setString(1, candidate.kid());
                    s.setBytes(2, candidate.secret());
                    db.setInstant(s, 3, candidate.createdAt());
                });
        keys = load();
        if (keys.isEmpty()) {
            throw new IllegalStateException("partner_auth_signing_keys is still empty after storing the first key");
        }
        return keys;
    }

    @Override
    public void add(SigningKey key) {
        db.update("signingKeys.add", "INSERT INTO partner_auth_signing_keys (kid, secret, created_at) VALUES (?, ?, ?)", s -> {
            s.setString(1, key.kid());
            s.setBytes(2, key.secret());
            db.setInstant(s, 3, key.createdAt());
        });
    }

    @Override
    public int removeCreatedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        String newest = "SELECT kid FROM partner_auth_signing_keys" + NEWEST_FIRST + " LIMIT 1";
        if (db.dialect() == Dialect.MARIADB) {
            // MariaDB and MySQL refuse a subquery on the table being deleted from, but not on a
            // derived table, which they materialise first
            newest = "SELECT kid FROM (" + newest + ") newest";
        }
        return db.update("signingKeys.removeCreatedBefore", "DELETE FROM partner_auth_signing_keys WHERE created_at < ?"
                + " AND kid <> (" + newest + ")",
                s -> db.setInstant(s, 1, cutoff));
    }

    private List<SigningKey> load() {
        return db.query("signingKeys.load", "SELECT kid, secret, created_at FROM partner_auth_signing_keys" + NEWEST_FIRST,
                StoreDatabase.Parameters.NONE,
                rs -> new SigningKey(rs.getString("kid"), rs.getBytes("secret"), db.getInstant(rs, "created_at")));
    }
}
