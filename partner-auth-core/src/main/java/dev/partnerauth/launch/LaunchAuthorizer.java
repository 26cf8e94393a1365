package dev.partnerauth.launch;

import dev.partnerauth.LaunchRequest;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.user.UserInformation;
import java.util.Objects;

/**
 * The host's say over which opportunities (and quotes) a partner may open. The Partner API cannot
 * bind a token to an opportunity: a partner's browser names any id it likes. This is where a host
 * asks its CRM whether the partner owns, or is shared, that opportunity.
 *
 * <p>Called for {@code create/quote}, {@code open/quote} and {@code open/opportunity}, after the
 * token's signature, expiry, key and user have been checked and before the token is spent: a
 * refusal leaves the token unspent and answers 403 {@code Forbidden}, audited as {@code
 * OPPORTUNITY_REFUSED} with the reason given here. Implementations must be thread-safe; a thrown
 * exception is a fault (500), not a refusal.
 */
@FunctionalInterface
public interface LaunchAuthorizer {
    /**
     * @param partner the partner whose key minted the token
     * @param user    the partner user's details as stored at sign-in
     * @param request the action and the opportunity (and quote) ids the browser sent
     */
    Decision decide(PartnerId partner, UserInformation user, LaunchRequest request);

    /** The outcome: allowed, or refused with a reason for the audit log (never shown to the caller). */
    sealed interface Decision permits Allowed, Refused {
    }

    record Allowed() implements Decision {
    }

    /** @param reason why, for the audit log: say what was checked, not any secret */
    record Refused(String reason) implements Decision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Allows every opportunity: what a host gets without an authorizer of its own, and what {@code
     * PartnerAuth} warns about once at start-up.
     */
    static LaunchAuthorizer allowAll() {
        return AllowAll.INSTANCE;
    }
}
