package dev.partnerauth.user;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A partner user as the host knows it.
 *
 * @param enabled false when the host has disabled the user: authentication is then refused with the
 *                same 403 as a bad key
 */
public record PartnerUser(UserInformation information, boolean enabled, Instant createdAt, Instant updatedAt)
        implements Serializable {
    public PartnerUser {
        Objects.requireNonNull(information, "information");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String userId() {
        return information.userId();
    }
}
