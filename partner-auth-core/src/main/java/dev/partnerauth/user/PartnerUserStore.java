package dev.partnerauth.user;

import java.time.Instant;
import java.util.Optional;

/** Where partner users live. Implementations must be thread-safe. */
public interface PartnerUserStore {
    /**
     * Creates the user, or updates the details of the existing user with the same {@code user_id},
     * atomically. An update keeps the enabled flag and creation time; when the details are the same
     * as stored, nothing is written and {@code updatedAt} stays the time they last changed.
     *
     * @return the user as stored now
     */
    PartnerUser upsert(UserInformation information, Instant now);

    Optional<PartnerUser> find(String userId);

    /** @return false when no user has this id */
    boolean setEnabled(String userId, boolean enabled);
}
