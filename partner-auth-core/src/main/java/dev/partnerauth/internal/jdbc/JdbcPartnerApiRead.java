package dev.partnerauth.internal.jdbc;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.internal.cache.ComposedRead;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.key.StoredKey;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.UserInformation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link ComposedRead} of the library's own tables: one SELECT that joins the settings row, the
 * key row by id and the user row of that key's partner, each LEFT JOINed to a one-row table so
 * that what is absent comes back as NULLs rather than as no row. Every join is on a primary key.
 * The same SQL on PostgreSQL, H2 and MariaDB/MySQL (whose {@code user_id} is {@code VARBINARY},
 * compared with the bound text as its own store's lookup compares it). Columns are those the
 * stores' own reads return, under a prefix per table; the rows are decoded as those stores decode
 * them ({@code JdbcSettingsStore}, {@code JdbcKeyStore}, {@code JdbcPartnerUserStore}).
 */
public final class JdbcPartnerApiRead implements ComposedRead {
    private static final List<String> USER_DETAILS = List.of("login", "email", "name", "position", "phone", "mobile",
            "fax", "company", "street", "city", "state", "country", "postal_code", "profile_img");
    private static final String USER_COLUMNS = String.join(", ", List.of("partner_id", "user_id", "enabled",
            "created_at", "updated_at", "last_sign_in_at", "active", "session_generation").stream()
            .map(c -> "u." + c + " AS u_" + c).toList())
            + ", " + String.join(", ", USER_DETAILS.stream().map(c -> "u." + c + " AS u_" + c).toList());
    static final String SQL = "SELECT s.enabled AS s_enabled, s.crm AS s_crm, s.allowed_origins AS s_allowed_origins,"
            + " k.id AS k_id, k.partner_id AS k_partner_id, k.name AS k_name, k.allowed_ips AS k_allowed_ips,"
            + " k.key_hash AS k_key_hash, k.created_at AS k_created_at, k.expires_at AS k_expires_at,"
            + " k.last_used_at AS k_last_used_at, " + USER_COLUMNS
            + " FROM (SELECT 1 AS one) d"
            + " LEFT JOIN partner_auth_settings s ON s.id = 1"
            + " LEFT JOIN partner_auth_keys k ON k.id = ?"
            + " LEFT JOIN partner_auth_users u ON u.partner_id = k.partner_id AND u.user_id = ?";

    private final StoreDatabase db;

    public JdbcPartnerApiRead(DataSource dataSource, Duration queryTimeout) {
        this.db = new StoreDatabase(dataSource, queryTimeout);
    }

    @Override
    public Found read(KeyId keyId, String userId) {
        Objects.requireNonNull(keyId, "keyId");
        return db.query("partnerApi.read", SQL, s -> {
            s.setString(1, keyId.value());
            s.setString(2, userId);
        }, this::found).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the composed read returned no row"));
    }

    private Found found(ResultSet rs) throws SQLException {
        AuthenticatorSettings settings = AuthenticatorSettings.INITIAL;
        if (rs.getObject("s_enabled") != null) {
            String crm = rs.getString("s_crm");
            settings = new AuthenticatorSettings(rs.getBoolean("s_enabled"), crm == null ? null : new CrmSystem(crm),
                    StoreDatabase.decodeList(rs.getString("s_allowed_origins")));
        }
        StoredKey key = null;
        if (rs.getString("k_id") != null) {
            key = new StoredKey(new AuthenticationKey(new KeyId(rs.getString("k_id")),
                    new PartnerId(rs.getString("k_partner_id")), rs.getString("k_name"),
                    IpAllowlist.parse(StoreDatabase.decodeList(rs.getString("k_allowed_ips"))),
                    db.getInstant(rs, "k_created_at"), db.getInstant(rs, "k_expires_at"),
                    db.getInstant(rs, "k_last_used_at")), rs.getBytes("k_key_hash"));
        }
        PartnerUser user = null;
        if (rs.getString("u_user_id") != null) {
            UserInformation information = new UserInformation(rs.getString("u_user_id"), rs.getString("u_login"),
                    rs.getString("u_email"), rs.getString("u_name"), rs.getString("u_position"),
                    rs.getString("u_phone"), rs.getString("u_mobile"), rs.getString("u_fax"),
                    rs.getString("u_company"), rs.getString("u_street"), rs.getString("u_city"),
                    rs.getString("u_state"), rs.getString("u_country"), rs.getString("u_postal_code"),
                    rs.getString("u_profile_img"));
            user = new PartnerUser(new PartnerId(rs.getString("u_partner_id")), information,
                    rs.getBoolean("u_enabled"), db.getInstant(rs, "u_created_at"), db.getInstant(rs, "u_updated_at"),
                    db.getInstant(rs, "u_last_sign_in_at"), rs.getBoolean("u_active"),
                    rs.getLong("u_session_generation"));
        }
        return new Found(settings, key, user);
    }
}
