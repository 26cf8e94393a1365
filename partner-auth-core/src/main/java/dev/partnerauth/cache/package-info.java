/** The read cache behind the caching stores that {@code PartnerAuth.Builder.cacheStoreReads} puts in front of a database. */
package dev.partnerauth.cache;
