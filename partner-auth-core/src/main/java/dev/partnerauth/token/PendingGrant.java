package dev.partnerauth.token;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What an outstanding token or launch code will grant when redeemed: a partner user signed in
 * of a partner through one of its keys, for some opportunities, until an instant. The partner is
 * part of the user's identity: {@code (partnerId, userId)} names the user, {@code userId} alone
 * does not.
 *
 * @param opportunityIds empty for an access token; the session's opportunities for a launch code
 */
public record PendingGrant(KeyId keyId, PartnerId partnerId, String userId, Set<String> opportunityIds, Instant expiresAt) {
    public PendingGrant {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(userId, "userId");
        opportunityIds = Set.copyOf(Objects.requireNonNull(opportunityIds, "opportunityIds"));
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
