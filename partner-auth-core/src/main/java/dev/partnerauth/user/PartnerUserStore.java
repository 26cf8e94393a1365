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
 *
 * <p>A user has two switches: the host's {@code enabled} ({@link #setEnabled}, the admin's) and the
 * partner's {@code active} ({@link #setActive}, {@code deactivate/user}); it may sign in only while
 * both are on, and neither call changes the other's switch. {@link #upsert} keeps both.
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
     * #SIGN_IN_RESOLUTION}). An update keeps the enabled and active flags, the session generation and
     * the creation time; {@code updatedAt}
     * is the time the details last changed.
     *
     * @return the user as stored now
     */
    PartnerUser upsert(PartnerId partner, UserInformation information, Instant now);

    Optional<PartnerUser> find(PartnerId partner, String userId);

    /** @return false when the partner has no user with this id */
    boolean setEnabled(PartnerId partner, String userId, boolean enabled);

    /**
     * Ends every session of the partner's user, and every token and launch code issued to it so
     * far, by moving its {@link PartnerUser#sessionGeneration} on by one, atomically (two sign-outs
     * at once move it by two, or at least by one: never by none). Nothing else changes; the user can
     * sign in again at once, in the new generation.
     *
     * <p>The default refuses: a host's own store written before sign-out existed must implement
     * this and {@link #setActive} to offer {@code signout/user} and {@code deactivate/user}.
     *
     * @return false when the partner has no user with this id
     * @throws UnsupportedOperationException when the store does not keep sign-outs
     */
    default boolean signOut(PartnerId partner, String userId) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement "
                + "PartnerUserStore.signOut: implement it and setActive to support signout/user");
    }

    /**
     * Sets the partner's own switch ({@link PartnerUser#active}), atomically. Deactivating moves
     * the {@link PartnerUser#sessionGeneration} on by one in the same step, so it ends the user's
     * sessions as {@link #signOut} does. Activating an inactive user moves it on by one too (nothing
     * was issued in the inactive generation, so this ends nothing, but a node's older copy of the
     * inactive user is then told from the live one by the count alone); activating an active user
     * changes nothing. Neither touches the host's {@link PartnerUser#enabled}.
     *
     * @return false when the partner has no user with this id
     * @throws UnsupportedOperationException when the store does not keep the partner's switch (the default)
     */
    default boolean setActive(PartnerId partner, String userId, boolean active) {
        throw new UnsupportedOperationException(getClass().getName() + " does not implement "
                + "PartnerUserStore.setActive: implement it and signOut to support deactivate/user");
    }

    /**
     * Users for the administration page, ordered by partner and then {@code user_id}.
     *
     * @param partner only this partner's users, or {@code null} for every partner's
     * @param limit   at most this many, at least 1
     */
    List<PartnerUser> list(PartnerId partner, int limit);
}
