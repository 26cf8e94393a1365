package dev.partnerauth;

/**
 * Why a signed-in partner session lost its grounds ({@link PartnerAuth#checkSession}); audited as
 * {@link dev.partnerauth.audit.AuditEventType#SESSION_ENDED} with this as its reason.
 */
public enum SessionEndReason {
    /** The partner authenticator was switched off. */
    AUTHENTICATOR_DISABLED,
    /** The key the session came through was deleted. */
    KEY_REVOKED,
    /** The key the session came through reached its expiry. */
    KEY_EXPIRED,
    /** The partner user was disabled by the host, or no longer exists. */
    USER_DISABLED,
    /** The partner deactivated the user ({@code deactivate/user}). */
    USER_DEACTIVATED,
    /** The user was signed out everywhere after this session began ({@code signout/user}, or the host's admin). */
    USER_SIGNED_OUT
}
