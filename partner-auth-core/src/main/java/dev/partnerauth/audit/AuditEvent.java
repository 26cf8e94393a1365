package dev.partnerauth.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audited event.
 *
 * @param keyId    the public id of the key involved, or {@code null}
 * @param userId   the partner user's PRM id, or {@code null}
 * @param clientIp the client address, or {@code null} for administrative events
 * @param reason   why a request was refused, or {@code null} when accepted
 * @param detail    free text such as a new key name, or {@code null}
 * @param partnerId the partner the event concerns, or {@code null} (settings, or a refusal before
 *                  any partner was known)
 * @param actor     the administrator who made an administrative change, as the host's {@code
 *                  AdminAuthorizer} named them; {@code null} for Partner API events
 */
public record AuditEvent(Instant at, AuditEventType type, String keyId, String userId, String clientIp,
                         String reason, String detail, String partnerId, String actor) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
    }
}
