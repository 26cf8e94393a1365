package dev.partnerauth.internal.cache;

import dev.partnerauth.key.PartnerId;
import java.time.Instant;

/**
 * Records a returning user's sign-in time in the library's own user table, for a sign-in whose
 * details equal the row this node read within its cache's age: one UPDATE, where the user store's
 * own {@code upsert} would read the row again first. See {@code CachingPartnerUserStore#upsert}.
 */
@FunctionalInterface
public interface SignInWrite {
    /** @return false when the partner has no such user (the caller then upserts) */
    boolean recordSignIn(PartnerId partner, String userId, Instant at);
}
