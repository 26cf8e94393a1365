package dev.partnerauth;

import java.util.List;

/**
 * 403 {@code Forbidden}: the authentication key, the caller's IP, the authenticator or the partner
 * user was refused, or the host's launch authorizer refused an opportunity. The body is identical for every {@link Reason}, so that a caller cannot tell
 * an unknown key from a wrong secret or a wrong IP; the reason goes to the audit log only.
 */
public final class ForbiddenException extends PartnerAuthRejection {
    private static final long serialVersionUID = 1L;
    private static final List<Problem> PROBLEMS = List.of(Problem.of("FORBIDDEN", "Forbidden"));

    /** Why a request was refused, for the audit log only. */
    public enum Reason {
        KEY_MALFORMED, KEY_UNKNOWN, KEY_MISMATCH, KEY_EXPIRED, AUTHENTICATOR_DISABLED, IP_NOT_ALLOWED, USER_DISABLED,
        /** The partner deactivated the user ({@code deactivate/user}). */
        USER_DEACTIVATED,
        /** The host's launch authorizer refused this partner the opportunity or quote. */
        OPPORTUNITY_REFUSED,
        /** A trusted proxy forwarded a hop that is not an address: the client cannot be known. */
        FORWARDED_HOP_INVALID
    }

    private final Reason reason;

    public ForbiddenException(Reason reason) {
        super(403, PROBLEMS);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
