package dev.partnerauth.audit;

/** What happened. */
public enum AuditEventType {
    KEY_CREATED, KEY_RENAMED, KEY_IPS_CHANGED, KEY_EXPIRY_CHANGED, KEY_DELETED, SETTINGS_CHANGED,
    AUTHENTICATE_ACCEPTED, AUTHENTICATE_REFUSED, TOKEN_ACCEPTED, TOKEN_REFUSED, LAUNCH_ACCEPTED, LAUNCH_REFUSED,
    /** A trusted proxy forwarded a hop that is not an address; the request was refused. */
    CLIENT_ADDRESS_REFUSED
}
