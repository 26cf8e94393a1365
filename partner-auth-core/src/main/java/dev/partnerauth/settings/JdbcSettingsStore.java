package dev.partnerauth.settings;

import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.internal.jdbc.StoreDatabase;
import dev.partnerauth.jdbc.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Settings in the single row of table {@code partner_auth_settings} (see {@link
 * dev.partnerauth.jdbc.PartnerAuthSchema}), so that every node sees a change at once. {@link #get}
 * is one primary-key lookup.
 */
public final class JdbcSettingsStore implements SettingsStore {
    private static final String POSTGRESQL_PUT = "INSERT INTO partner_auth_settings (id, enabled, crm, allowed_origins, updated_at)"
            + " VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET enabled = EXCLUDED.enabled, crm = EXCLUDED.crm,"
            + " allowed_origins = EXCLUDED.allowed_origins, updated_at = EXCLUDED.updated_at";
    private static final String H2_PUT = "MERGE INTO partner_auth_settings (id, enabled, crm, allowed_origins, updated_at)"
            + " KEY (id) VALUES (1, ?, ?, ?, ?)";

    private static final String MARIADB_PUT = "INSERT INTO partner_auth_settings (id, enabled, crm, allowed_origins, updated_at)"
            + " VALUES (1, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE enabled = VALUES(enabled), crm = VALUES(crm),"
            + " allowed_origins = VALUES(allowed_origins), updated_at = VALUES(updated_at)";
    private static final String SELECT = "SELECT enabled, crm, allowed_origins FROM partner_auth_settings WHERE id = 1";
    private static final String UPDATE = "UPDATE partner_auth_settings SET enabled = ?, crm = ?, allowed_origins = ?,"
            + " updated_at = ? WHERE id = 1";
    private static final String INSERT_INITIAL = "INSERT INTO partner_auth_settings (id, enabled, crm, allowed_origins,"
            + " updated_at) VALUES (1, FALSE, NULL, NULL, ?)";

    private final StoreDatabase db;
    private final Clock clock;

    public JdbcSettingsStore(DataSource dataSource) {
        this(dataSource, StoreDatabase.DEFAULT_QUERY_TIMEOUT, Clock.systemUTC());
    }

    /** @param clock stamps {@code updated_at}, for the host's own records */
    public JdbcSettingsStore(DataSource dataSource, Duration queryTimeout, Clock clock) {
        this.db = new StoreDatabase(dataSource, queryTimeout);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AuthenticatorSettings get() {
        return db.query("settings.get", SELECT, StoreDatabase.Parameters.NONE, JdbcSettingsStore::settings)
                .stream().findFirst().orElse(AuthenticatorSettings.INITIAL);
    }

    /**
     * One transaction that locks the row ({@code SELECT ... FOR UPDATE}) before reading it, so a
     * concurrent update on any node waits and then reads what this one wrote. The row is created
     * first if it was never saved, since there is nothing to lock until it exists.
     */
    @Override
    public AuthenticatorSettings update(UnaryOperator<AuthenticatorSettings> change) {
        Objects.requireNonNull(change, "change");
        if (db.dialect() == Dialect.POSTGRESQL) {
            db.update("settings.create", INSERT_INITIAL + " ON CONFLICT (id) DO NOTHING", s -> db.setInstant(s, 1, clock.instant()));
        } else if (db.dialect() == Dialect.MARIADB) {
            db.update("settings.create", INSERT_INITIAL + " ON DUPLICATE KEY UPDATE id = id", s -> db.setInstant(s, 1, clock.instant()));
        } else {
            db.insertUnlessDuplicate("settings.create", INSERT_INITIAL, s -> db.setInstant(s, 1, clock.instant()));
        }
        return db.inTransaction("settings.update", c -> {
            AuthenticatorSettings current;
            try (PreparedStatement s = db.statement(c, SELECT + " FOR UPDATE"); ResultSet rs = s.executeQuery()) {
                current = rs.next() ? settings(rs) : AuthenticatorSettings.INITIAL;
            }
            AuthenticatorSettings updated = Objects.requireNonNull(change.apply(current), "updated");
            try (PreparedStatement s = db.statement(c, UPDATE)) {
                bind(s, updated);
                s.executeUpdate();
            }
            return updated;
        });
    }

    private static AuthenticatorSettings settings(ResultSet rs) throws SQLException {
        String crm = rs.getString("crm");
        return new AuthenticatorSettings(rs.getBoolean("enabled"), crm == null ? null : new CrmSystem(crm),
                StoreDatabase.decodeList(rs.getString("allowed_origins")));
    }

    @Override
    public void put(AuthenticatorSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (db.dialect() == Dialect.POSTGRESQL) {
            put(POSTGRESQL_PUT, settings);
            return;
        }
        if (db.dialect() == Dialect.MARIADB) {
            put(MARIADB_PUT, settings);
            return;
        }
        try {
            put(H2_PUT, settings);
        } catch (IllegalStateException e) {
            // two first saves racing through H2's MERGE may both insert; the retry updates instead
            if (!StoreDatabase.isUniqueViolation(e)) {
                throw e;
            }
            put(H2_PUT, settings);
        }
    }

    private void put(String sql, AuthenticatorSettings settings) {
        db.update("settings.put", sql, s -> bind(s, settings));
    }

    private void bind(PreparedStatement s, AuthenticatorSettings settings) throws SQLException {
        s.setBoolean(1, settings.enabled());
        s.setString(2, settings.crm() == null ? null : settings.crm().name());
        s.setString(3, StoreDatabase.encodeList(settings.allowedOrigins()));
        db.setInstant(s, 4, clock.instant());
    }
}
