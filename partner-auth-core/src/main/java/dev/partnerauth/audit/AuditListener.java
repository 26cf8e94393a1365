package dev.partnerauth.audit;

/** Receives every audit event. Called on the request thread: keep it quick and never throw. */
@FunctionalInterface
public interface AuditListener {
    void onEvent(AuditEvent event);
}
