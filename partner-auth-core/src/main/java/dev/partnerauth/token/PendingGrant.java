package dev.partnerauth.token;

import dev.partnerauth.key.KeyId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What an outstanding token or launch code will grant when redeemed: a partner user signed in
 * through a key, for some opportunities, until an instant.
 *
 * @param opportunityIds empty for an access token; the session's opportunities for a launch code
 */
public record PendingGrant(KeyId keyId, String userId, Set<String> opportunityIds, Instant expiresAt) {
    public PendingGrant {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(userId, "userId");
        opportunityIds = Set.copyOf(Objects.requireNonNull(opportunityIds, "opportunityIds"));
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
