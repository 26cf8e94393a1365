package dev.partnerauth;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.user.UserInformation;
import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The partner user signed in to a host session: who, through which key (partner), since when, and
 * the opportunities the session was opened for, so that the host can keep the partner inside them.
 * Serializable so that containers can persist or replicate sessions.
 *
 * @param keyName the key's name at sign-in, for display
 */
public record PartnerPrincipal(UserInformation user, KeyId keyId, String keyName, Instant signedInAt,
                               Set<String> opportunityIds) implements Principal, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    public PartnerPrincipal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(signedInAt, "signedInAt");
        opportunityIds = Set.copyOf(Objects.requireNonNull(opportunityIds, "opportunityIds"));
    }

    /** The partner user's login. */
    @Override
    public String getName() {
        return user.login();
    }

    /** True when this session was opened for the opportunity. */
    public boolean mayAccessOpportunity(String opportunityId) {
        return opportunityIds.contains(opportunityId);
    }

    /**
     * The principal of a later launch in the same browser session: when it is the same user through
     * the same key, the opportunities accumulate; otherwise the later sign-in replaces this one.
     */
    public PartnerPrincipal mergedWith(PartnerPrincipal later) {
        if (!later.user.userId().equals(user.userId()) || !later.keyId.equals(keyId)) {
            return later;
        }
        Set<String> all = new LinkedHashSet<>(opportunityIds);
        all.addAll(later.opportunityIds);
        return new PartnerPrincipal(later.user, keyId, later.keyName, later.signedInAt, all);
    }
}
