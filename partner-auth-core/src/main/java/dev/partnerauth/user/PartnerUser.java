package dev.partnerauth.user;

import dev.partnerauth.key.PartnerId;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A partner user as the host knows it: identified by its partner and the PRM's {@code user_id}
 * together, never by the {@code user_id} alone.
 *
 * @param enabled      false when the host has disabled the user: authentication is then refused with
 *                     the same 403 as a bad key
 * @param updatedAt    when the details last changed
 * @param lastSignInAt the latest sign-in, to within {@link PartnerUserStore#SIGN_IN_RESOLUTION}
 */
public record PartnerUser(PartnerId partnerId, UserInformation information, boolean enabled, Instant createdAt,
                          Instant updatedAt, Instant lastSignInAt) implements Serializable {
    public PartnerUser {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(information, "information");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastSignInAt, "lastSignInAt");
    }

    public String userId() {
        return information.userId();
    }

    /**
     * True when a sign-in at {@code now} with these details needs no write: the details are the
     * stored ones and the recorded sign-in is recent enough.
     */
    public boolean isCurrentFor(UserInformation details, Instant now) {
        return information.equals(details) && now.isBefore(lastSignInAt.plus(PartnerUserStore.SIGN_IN_RESOLUTION));
    }

    /** This user with the admin's enabled flag set to {@code flag}: for {@link PartnerUserStore} implementations. */
    public PartnerUser withEnabled(boolean flag) {
        return new PartnerUser(partnerId, information, flag, createdAt, updatedAt, lastSignInAt);
    }

    /**
     * This user signed in again at {@code now} with {@code details}: the sign-in time moves, and the
     * update time too when the details changed. For {@link PartnerUserStore} implementations.
     */
    public PartnerUser signedInWith(UserInformation details, Instant now) {
        return information.equals(details)
                ? new PartnerUser(partnerId, information, enabled, createdAt, updatedAt, now)
                : new PartnerUser(partnerId, details, enabled, createdAt, now, now);
    }
}
