package dev.partnerauth.user;

import dev.partnerauth.key.PartnerId;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A partner user as the host knows it: identified by its partner and the PRM's {@code user_id}
 * together, never by the {@code user_id} alone.
 *
 * @param enabled           false when the host has disabled the user: authentication is then refused with
 *                          the same 403 as a bad key
 * @param updatedAt         when the details last changed
 * @param lastSignInAt      the latest sign-in, to within {@link PartnerUserStore#SIGN_IN_RESOLUTION}
 * @param active            false while the partner has deactivated the user ({@code deactivate/user});
 *                          the partner's own switch, apart from the host's {@code enabled}
 * @param sessionGeneration how many times the user's sessions were ended everywhere ({@code
 *                          signout/user}, {@code deactivate/user}, the admin's sign-out): every token,
 *                          launch code and session carries the generation it was issued in, and stands
 *                          only while it is still the user's. A count, not an instant, so that no
 *                          node's clock takes part in the decision
 */
public record PartnerUser(PartnerId partnerId, UserInformation information, boolean enabled, Instant createdAt,
                          Instant updatedAt, Instant lastSignInAt, boolean active, long sessionGeneration)
        implements Serializable {
    public PartnerUser {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(information, "information");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastSignInAt, "lastSignInAt");
        if (sessionGeneration < 0) {
            throw new IllegalArgumentException("sessionGeneration must not be negative");
        }
    }

    /** A user the partner never deactivated nor signed out: for stores written before sign-out existed. */
    public PartnerUser(PartnerId partnerId, UserInformation information, boolean enabled, Instant createdAt,
                       Instant updatedAt, Instant lastSignInAt) {
        this(partnerId, information, enabled, createdAt, updatedAt, lastSignInAt, true, 0);
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

    /** This user with the host's switch set: for {@link PartnerUserStore} implementations. */
    public PartnerUser withEnabled(boolean flag) {
        return new PartnerUser(partnerId, information, flag, createdAt, updatedAt, lastSignInAt, active, sessionGeneration);
    }

    /**
     * The same user with the partner's switch set. Deactivating ends its sessions (the next
     * generation); so does reactivating an inactive user, which ends nothing, since nothing was
     * issued while it was inactive, but tells every node's copy of the inactive user from the live
     * one by the count alone. Activating an active user changes nothing.
     */
    public PartnerUser withActive(boolean flag) {
        return flag && active ? this : new PartnerUser(partnerId, information, enabled, createdAt, updatedAt,
                lastSignInAt, flag, sessionGeneration + 1);
    }

    /** The same user with every session, token and launch code issued so far ended: the next generation. */
    public PartnerUser signedOut() {
        return new PartnerUser(partnerId, information, enabled, createdAt, updatedAt, lastSignInAt, active,
                sessionGeneration + 1);
    }

    /**
     * This user signed in again at {@code now} with {@code details}: the sign-in time moves, and the
     * update time too when the details changed. For {@link PartnerUserStore} implementations.
     */
    public PartnerUser signedInWith(UserInformation details, Instant now) {
        return information.equals(details)
                ? new PartnerUser(partnerId, information, enabled, createdAt, updatedAt, now, active, sessionGeneration)
                : new PartnerUser(partnerId, details, enabled, createdAt, now, now, active, sessionGeneration);
    }
}
