package dev.partnerauth.key;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.internal.jdbc.StoreDatabase;
import dev.partnerauth.jdbc.Dialect;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Keys in table {@code partner_auth_keys} of the host's database (see {@link
 * dev.partnerauth.jdbc.PartnerAuthSchema}), for nodes that share their keys. Only the keyed hash of
 * a key is stored. Instants are kept to the microsecond.
 */
public final class JdbcKeyStore implements KeyStore {
    private static final String COLUMNS = "id, partner_id, name, allowed_ips, key_hash, created_at, expires_at, last_used_at";

    private final StoreDatabase db;

    public JdbcKeyStore(DataSource dataSource) {
        this(dataSource, StoreDatabase.DEFAULT_QUERY_TIMEOUT);
    }

    public JdbcKeyStore(DataSource dataSource, Duration queryTimeout) {
        this.db = new StoreDatabase(dataSource, queryTimeout);
    }

    /**
     * Checks that {@code pepper} is the one this database's keys were hashed with: the first call
     * on a database records the pepper's fingerprint (see {@link KeyPepper}; two nodes starting at
     * once agree on one row), every later call compares against it in constant time. {@code
     * PartnerAuth.Builder.build} calls it.
     *
     * @param now stamps the row when it is recorded
     * @throws IllegalStateException when the peppers differ; the message says what to do and
     *                               nothing about either pepper
     */
    public void verifyPepper(KeyPepper pepper, Instant now) {
        byte[] mine = pepper.fingerprint();
        String insert = "INSERT INTO partner_auth_pepper (id, fingerprint, created_at) VALUES (1, ?, ?)";
        StoreDatabase.Parameters row = s -> {
            s.setBytes(1, mine);
            db.setInstant(s, 2, now);
        };
        if (db.dialect() == Dialect.POSTGRESQL) {
            db.update("pepper.record", insert + " ON CONFLICT (id) DO NOTHING", row);
        } else if (db.dialect() == Dialect.MARIADB) {
            // a no-op update rather than a refused duplicate, which Connector/J logs as a warning on every start
            db.update("pepper.record", insert + " ON DUPLICATE KEY UPDATE id = id", row);
        } else {
            db.insertUnlessDuplicate("pepper.record", insert, row);
        }
        byte[] recorded = db.query("pepper.read", "SELECT fingerprint FROM partner_auth_pepper WHERE id = 1",
                StoreDatabase.Parameters.NONE, rs -> rs.getBytes("fingerprint")).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("partner_auth_pepper has no row after recording one"));
        if (!MessageDigest.isEqual(mine, recorded)) {
            throw new IllegalStateException("This node's key pepper differs from the pepper of the other nodes on this "
                    + "database (its fingerprint in table partner_auth_pepper does not match), so no key would work here. "
                    + "Start every node on one database with the same pepper. If the pepper was replaced on purpose, "
                    + "every existing key is void anyway: delete the row of partner_auth_pepper and the keys, then "
                    + "create new keys.");
        }
    }

    @Override
    public void insert(StoredKey key) {
        AuthenticationKey m = key.metadata();
        db.update("keys.insert", "INSERT INTO partner_auth_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setString(1, m.id().value());
            s.setString(2, m.partnerId().value());
            s.setString(3, m.name());
            s.setString(4, StoreDatabase.encodeList(m.allowedIps().entries()));
            s.setBytes(5, key.hash());
            db.setInstant(s, 6, m.createdAt());
            db.setInstant(s, 7, m.expiresAt());
            db.setInstant(s, 8, m.lastUsedAt());
        });
    }

    @Override
    public Optional<StoredKey> find(KeyId id) {
        return db.query("keys.find", "SELECT " + COLUMNS + " FROM partner_auth_keys WHERE id = ?",
                s -> s.setString(1, id.value()), rs -> new StoredKey(metadata(rs), rs.getBytes("key_hash")))
                .stream().findFirst();
    }

    @Override
    public List<AuthenticationKey> list() {
        return db.query("keys.list", "SELECT " + COLUMNS + " FROM partner_auth_keys ORDER BY created_at, id",
                StoreDatabase.Parameters.NONE, this::metadata);
    }

    @Override
    public boolean update(AuthenticationKey metadata) {
        return db.update("keys.update", "UPDATE partner_auth_keys SET name = ?, allowed_ips = ?, expires_at = ? WHERE id = ?", s -> {
            s.setString(1, metadata.name());
            s.setString(2, StoreDatabase.encodeList(metadata.allowedIps().entries()));
            db.setInstant(s, 3, metadata.expiresAt());
            s.setString(4, metadata.id().value());
        }) > 0;
    }

    @Override
    public boolean delete(KeyId id) {
        return db.update("keys.delete", "DELETE FROM partner_auth_keys WHERE id = ?", s -> s.setString(1, id.value())) > 0;
    }

    @Override
    public void recordUse(KeyId id, Instant at) {
        db.update("keys.recordUse", "UPDATE partner_auth_keys SET last_used_at = ? WHERE id = ?", s -> {
            db.setInstant(s, 1, at);
            s.setString(2, id.value());
        });
    }

    private AuthenticationKey metadata(ResultSet rs) throws SQLException {
        return new AuthenticationKey(new KeyId(rs.getString("id")),
                new PartnerId(rs.getString("partner_id")), rs.getString("name"),
                IpAllowlist.parse(StoreDatabase.decodeList(rs.getString("allowed_ips"))),
                db.getInstant(rs, "created_at"), db.getInstant(rs, "expires_at"),
                db.getInstant(rs, "last_used_at"));
    }
}
