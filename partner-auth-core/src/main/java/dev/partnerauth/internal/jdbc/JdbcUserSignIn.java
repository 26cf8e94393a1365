package dev.partnerauth.internal.jdbc;

import dev.partnerauth.internal.cache.SignInWrite;
import dev.partnerauth.key.PartnerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link SignInWrite} on table {@code partner_auth_users}: the same statement {@code
 * JdbcPartnerUserStore.upsert} runs for a returning user with unchanged details, without the read
 * before it. The same SQL on every dialect.
 */
public final class JdbcUserSignIn implements SignInWrite {
    private static final String SQL = "UPDATE partner_auth_users SET last_sign_in_at = ? WHERE partner_id = ? AND user_id = ?";

    private final StoreDatabase db;

    public JdbcUserSignIn(DataSource dataSource, Duration queryTimeout) {
        this.db = new StoreDatabase(dataSource, queryTimeout);
    }

    @Override
    public boolean recordSignIn(PartnerId partner, String userId, Instant at) {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        return db.update("users.signIn", SQL, s -> {
            db.setInstant(s, 1, at);
            s.setString(2, partner.value());
            s.setString(3, userId);
        }) > 0;
    }
}
