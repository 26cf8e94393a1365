package dev.partnerauth;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.user.UserInformation;
import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The partner user signed in to a host session: which partner, which of its users, through which
 * key, since when, and the opportunities the session was opened for, so that the host can keep the
 * partner inside them. The user is identified by {@link #partnerId()} and {@code user().userId()}
 * together; compare identities with {@link #sameIdentity}. Serializable so that containers can
 * persist or replicate sessions.
 *
 * @param keyId   the key it came through; a roll changes the key, not the identity
 * @param keyName           the key's name at sign-in, for display
 * @param sessionGeneration the user's session generation at sign-in ({@link
 *                          dev.partnerauth.user.PartnerUser#sessionGeneration}): the session stands
 *                          only while the user has not been signed out since
 */
public record PartnerPrincipal(PartnerId partnerId, UserInformation user, KeyId keyId, String keyName,
                               Instant signedInAt, Set<String> opportunityIds, long sessionGeneration)
        implements Principal, Serializable {
    @Serial
    private static final long serialVersionUID = 2L;
    /** The start of every partner principal's name. */
    public static final String NAME_PREFIX = "partner:";
    /**
     * The most opportunity ids one session accumulates over same-user relaunches ({@link
     * #mergedWith}); past it the oldest are dropped, so a partner relaunching without end cannot
     * grow a session (and a shared session store's row) without bound.
     */
    public static final int MAX_OPPORTUNITY_IDS = 100;

    public PartnerPrincipal {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(signedInAt, "signedInAt");
        // in the order they were opened, so that the bound of mergedWith drops the oldest
        Set<String> ordered = new LinkedHashSet<>(Objects.requireNonNull(opportunityIds, "opportunityIds"));
        ordered.forEach(id -> Objects.requireNonNull(id, "an opportunity id"));
        opportunityIds = Collections.unmodifiableSet(ordered);
        if (sessionGeneration < 0) {
            throw new IllegalArgumentException("sessionGeneration must not be negative");
        }
    }

    /** A principal of the user's first session generation (a user never signed out). */
    public PartnerPrincipal(PartnerId partnerId, UserInformation user, KeyId keyId, String keyName, Instant signedInAt,
                            Set<String> opportunityIds) {
        this(partnerId, user, keyId, keyName, signedInAt, opportunityIds, 0);
    }

    /**
     * {@code partner:<partner id>:<user_id>}, such as {@code partner:prt_4kQ0c1ZxY2m9Lh7s3PwE:u-100}.
     * It names the partner and the user together, so users of two partners never share a name. A
     * partner id holds no {@code ':'}, so the name splits unambiguously at its second colon, whatever
     * the PRM put in {@code user_id}; and since the partner id is chosen by the host, never by the
     * PRM, no PRM can make this equal a name of its own choosing, such as {@code admin}. The PRM's
     * {@code login} is in {@link #user()}, for display only.
     */
    @Override
    public String getName() {
        return NAME_PREFIX + partnerId.value() + ":" + user.userId();
    }

    /** True when both are the same user of the same partner, through whichever of its keys. */
    public boolean sameIdentity(PartnerPrincipal other) {
        return other != null && partnerId.equals(other.partnerId) && user.userId().equals(other.user.userId());
    }

    /**
     * True when this session was opened for the opportunity. That is the boundary the partner's
     * launches drew, not proof that the partner owns it: a host that must know asks its CRM in a
     * {@link dev.partnerauth.launch.LaunchAuthorizer}.
     */
    public boolean mayAccessOpportunity(String opportunityId) {
        return opportunityIds.contains(opportunityId);
    }

    /**
     * The principal of a later launch of the same identity ({@link #sameIdentity}) in the same
     * browser session: the opportunities accumulate (the newest {@value #MAX_OPPORTUNITY_IDS}, the
     * oldest dropped first) and the later details, key and time apply. Another identity never
     * merges: a session that held one is replaced, never silently taken over.
     *
     * @throws IllegalArgumentException when {@code later} is another identity
     */
    public PartnerPrincipal mergedWith(PartnerPrincipal later) {
        if (!sameIdentity(later)) {
            throw new IllegalArgumentException("another partner identity never merges into a session: "
                    + "start a new session for it");
        }
        Set<String> all = new LinkedHashSet<>(opportunityIds);
        // a relaunch of an id already open moves it to the newest end
        all.removeAll(later.opportunityIds);
        all.addAll(later.opportunityIds);
        Iterator<String> oldestFirst = all.iterator();
        for (int excess = all.size() - MAX_OPPORTUNITY_IDS; excess > 0; excess--) {
            oldestFirst.next();
            oldestFirst.remove();
        }
        return new PartnerPrincipal(partnerId, later.user, later.keyId, later.keyName, later.signedInAt, all,
                later.sessionGeneration);
    }
}
