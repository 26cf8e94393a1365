package dev.partnerauth.audit;

/**
 * What happened. {@code SESSION_ENDED}: a signed-in partner session lost its grounds (reason: a
 * {@link dev.partnerauth.SessionEndReason}) and the request went on anonymous.
 */
public enum AuditEventType {
    KEY_CREATED, KEY_RENAMED, KEY_IPS_CHANGED, KEY_EXPIRY_CHANGED, KEY_DELETED, SETTINGS_CHANGED,
    AUTHENTICATE_ACCEPTED, AUTHENTICATE_REFUSED, TOKEN_ACCEPTED, TOKEN_REFUSED, LAUNCH_ACCEPTED, LAUNCH_REFUSED,
    SESSION_ENDED
}
