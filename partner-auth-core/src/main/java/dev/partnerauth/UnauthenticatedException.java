package dev.partnerauth;

import java.util.List;

/**
 * 403 {@code Unauthenticated}: a bearer token or launch code was missing, malformed, forged,
 * expired, already used, or belongs to a key or authenticator that no longer allows it. One body
 * for every {@link Reason}; the reason goes to the audit log only.
 */
public final class UnauthenticatedException extends PartnerAuthRejection {
    private static final long serialVersionUID = 1L;
    private static final List<Problem> PROBLEMS = List.of(Problem.of("UNAUTHENTICATED", "Unauthenticated"));

    /** Why a token or launch code was refused, for the audit log only. */
    public enum Reason {
        MISSING, MALFORMED, BAD_SIGNATURE, EXPIRED, ALREADY_USED, KEY_REVOKED, AUTHENTICATOR_DISABLED, USER_DISABLED,
        /** The launch authorizer refused this live token {@link PartnerAuth#MAX_LAUNCH_REFUSALS_PER_TOKEN} times. */
        LAUNCH_REFUSED_TOO_OFTEN,
        /** The user was deactivated by its partner after this was issued. */
        USER_DEACTIVATED,
        /** The user was signed out everywhere after this was issued. */
        USER_SIGNED_OUT
    }

    private final Reason reason;

    public UnauthenticatedException(Reason reason) {
        super(403, PROBLEMS);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
