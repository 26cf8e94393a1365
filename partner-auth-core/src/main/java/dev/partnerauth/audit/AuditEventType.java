package dev.partnerauth.audit;

/**
 * What happened. {@code SESSION_ENDED}: a signed-in partner session lost its grounds (reason: a
 * {@link dev.partnerauth.SessionEndReason}) and the request went on anonymous.
 */
public enum AuditEventType {
    KEY_CREATED, KEY_RENAMED, KEY_IPS_CHANGED, KEY_EXPIRY_CHANGED, KEY_DELETED, KEY_ROLLED, SETTINGS_CHANGED,
    USER_ENABLED, USER_DISABLED,
    /** Every session, token and launch code of a partner user was ended: by its partner ({@code actor} null) or the host's admin. */
    USER_SIGNED_OUT,
    /** The partner deactivated its user ({@code deactivate/user}): signed out, and refused until reactivated. */
    USER_DEACTIVATED,
    /** The partner reactivated its user ({@code activate/user}); a disable by the host's admin still holds. */
    USER_ACTIVATED,
    AUTHENTICATE_ACCEPTED, AUTHENTICATE_REFUSED, TOKEN_ACCEPTED, TOKEN_REFUSED, LAUNCH_ACCEPTED, LAUNCH_REFUSED,
    /** The host's launch authorizer refused the partner an opportunity or quote; the reason is the host's. */
    OPPORTUNITY_REFUSED,
    /** A trusted proxy forwarded a hop that is not an address; the request was refused. */
    CLIENT_ADDRESS_REFUSED,
    /** A live partner session ended because its key, user or the authenticator no longer holds; the reason says which. */
    SESSION_ENDED
}
