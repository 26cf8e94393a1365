package dev.partnerauth.internal.calls;

import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.user.PartnerUser;
import java.util.Optional;

/**
 * An outstanding grant found for a redemption, and what admitting it needs: the settings, its key
 * and its user as stored. Over host stores each is read when first asked; on the composed path all
 * came in the one read.
 */
public interface Redemption {
    GrantDigest digest();

    PendingGrant grant();

    AuthenticatorSettings settings();

    /** The grant's key, expired or not; empty once deleted. */
    Optional<AuthenticationKey> key();

    Optional<PartnerUser> user();
}
