/**
 * Key verification and administration behind {@link dev.partnerauth.PartnerAuth}: the key format,
 * the keyed hash compared in constant time, and the audited changes.
 *
 * <p>Unsupported: public only so that the library's own packages can reach it; a host must not use
 * it, and it may change in any release. Thread-safe; no argument may be null.
 */
package dev.partnerauth.internal.key;
