package dev.partnerauth.key;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.jdbc.StoreDatabase;
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

    @Override
    public void insert(StoredKey key) {
        AuthenticationKey m = key.metadata();
        db.update("keys.insert", "INSERT INTO partner_auth_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setString(1, m.id().value());
            s.setString(2, m.partnerId().value());
            s.setString(3, m.name());
            s.setString(4, StoreDatabase.encodeList(m.allowedIps().entries()));
            s.setBytes(5, key.hash());
            StoreDatabase.setInstant(s, 6, m.createdAt());
            StoreDatabase.setInstant(s, 7, m.expiresAt());
            StoreDatabase.setInstant(s, 8, m.lastUsedAt());
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
                StoreDatabase.Parameters.NONE, JdbcKeyStore::metadata);
    }

    @Override
    public boolean update(AuthenticationKey metadata) {
        return db.update("keys.update", "UPDATE partner_auth_keys SET name = ?, allowed_ips = ?, expires_at = ? WHERE id = ?", s -> {
            s.setString(1, metadata.name());
            s.setString(2, StoreDatabase.encodeList(metadata.allowedIps().entries()));
            StoreDatabase.setInstant(s, 3, metadata.expiresAt());
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
            StoreDatabase.setInstant(s, 1, at);
            s.setString(2, id.value());
        });
    }

    private static AuthenticationKey metadata(ResultSet rs) throws SQLException {
        return new AuthenticationKey(new KeyId(rs.getString("id")),
                new PartnerId(rs.getString("partner_id")), rs.getString("name"),
                IpAllowlist.parse(StoreDatabase.decodeList(rs.getString("allowed_ips"))),
                StoreDatabase.getInstant(rs, "created_at"), StoreDatabase.getInstant(rs, "expires_at"),
                StoreDatabase.getInstant(rs, "last_used_at"));
    }
}
