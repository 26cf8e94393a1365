/**
 * The read caches that {@code PartnerAuth.Builder.cacheStoreReads} puts in front of a database's
 * key, settings and user stores (on by default, for 1 second, with {@code database(...)}), and
 * the one composed read that fills all three at once for a Partner API call ({@link
 * dev.partnerauth.internal.cache.PartnerApiReads}).
 *
 * <p>Unsupported: public only so that the library's own packages can reach it; a host must not use
 * it, and it may change in any release. Thread-safe; no argument may be null.
 */
package dev.partnerauth.internal.cache;
