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
 * @param opportunityIds    empty for an access token; the session's opportunities for a launch code
 * @param sessionGeneration the user's {@link dev.partnerauth.user.PartnerUser#sessionGeneration} when
 *                          this was issued: once the user is signed out (a later generation) it is refused
 */
public record PendingGrant(KeyId keyId, PartnerId partnerId, String userId, Set<String> opportunityIds, Instant expiresAt,
                           long sessionGeneration) {
    public PendingGrant {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(userId, "userId");
        opportunityIds = Set.copyOf(Objects.requireNonNull(opportunityIds, "opportunityIds"));
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (sessionGeneration < 0) {
            throw new IllegalArgumentException("sessionGeneration must not be negative");
        }
    }

    /** A grant of a user's first generation: for grant stores written before sign-out existed. */
    public PendingGrant(KeyId keyId, PartnerId partnerId, String userId, Set<String> opportunityIds, Instant expiresAt) {
        this(keyId, partnerId, userId, opportunityIds, expiresAt, 0);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
