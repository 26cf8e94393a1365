/**
 * The read caches that {@code PartnerAuth.Builder.cacheStoreReads} puts in front of a database's
 * key, settings and user stores.
 *
 * <p>Unsupported: public only so that the library's own packages can reach it; a host must not use
 * it, and it may change in any release. Thread-safe; no argument may be null.
 */
package dev.partnerauth.internal.cache;
