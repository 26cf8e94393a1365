package dev.partnerauth.internal.memory;

import dev.partnerauth.key.PartnerId;
import java.util.Objects;

/** The key under which a user is kept in memory: partner and user together, never the user_id alone. */
record UserIdentity(PartnerId partner, String userId) {
    UserIdentity {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(userId, "userId");
    }
}
