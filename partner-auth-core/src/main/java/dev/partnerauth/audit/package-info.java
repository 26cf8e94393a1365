/**
 * Audit events: what administrators changed and every accepted or refused sign-in, with the reason
 * and client address. An event never carries a key, a secret, a token or a launch code; only
 * public key ids.
 *
 * <p>{@link dev.partnerauth.audit.AuditListener} is the extension point; {@link
 * dev.partnerauth.audit.AuditLog} adds reading the recent events back for the admin API ({@code InMemoryAuditLog}, {@link dev.partnerauth.audit.JdbcAuditLog}). {@link
 * dev.partnerauth.audit.BufferedAuditLog} wraps either to write on a thread of its own, in batches,
 * instead of on the request thread; the host starts and closes it. All implementations here are
 * thread-safe. Components of {@link dev.partnerauth.audit.AuditEvent} are
 * {@code null} where the event has no such detail.
 */
package dev.partnerauth.audit;
