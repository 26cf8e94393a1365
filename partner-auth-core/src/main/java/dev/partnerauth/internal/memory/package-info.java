/**
 * The in-memory stores the builder uses when a host sets none: keys, settings, partner users,
 * token-signing keys and a bounded audit log, for one node whose state may end with the process.
 * Hosts reach them through {@code PartnerAuth.builder()} and never name them.
 *
 * <p>All types are thread-safe; no method accepts {@code null}.
 */
package dev.partnerauth.internal.memory;
