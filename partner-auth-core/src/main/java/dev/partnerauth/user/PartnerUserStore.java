package dev.partnerauth.user;

import dev.partnerauth.key.PartnerId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where partner users live. A user is identified by its partner and the PRM's {@code user_id}
 * together: two partners sending the same {@code user_id} are two users, and neither one's sign-in
 * touches the other's row. Implementations must be thread-safe.
 */
public interface PartnerUserStore {
    /**
     * How precise {@link PartnerUser#lastSignInAt()} is: a sign-in with unchanged details within this
     * time of the last recorded one writes nothing, so that a returning user's sign-in stays a read.
     */
    Duration SIGN_IN_RESOLUTION = Duration.ofMinutes(5);

    /**
     * Creates the partner's user, or updates the details of the partner's existing user with the
     * same {@code user_id}, atomically, and records the sign-in (to within {@link
     * #SIGN_IN_RESOLUTION}). An update keeps the enabled flag and creation time; {@code updatedAt}
     * is the time the details last changed.
     *
     * @return the user as stored now
     */
    PartnerUser upsert(PartnerId partner, UserInformation information, Instant now);

    Optional<PartnerUser> find(PartnerId partner, String userId);

    /** @return false when the partner has no user with this id */
    boolean setEnabled(PartnerId partner, String userId, boolean enabled);

    /**
     * Users for the administration page, ordered by partner and then {@code user_id}.
     *
     * @param partner only this partner's users, or {@code null} for every partner's
     * @param limit   at most this many, at least 1
     */
    List<PartnerUser> list(PartnerId partner, int limit);
}
