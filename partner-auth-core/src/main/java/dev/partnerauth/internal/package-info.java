/**
 * The library's machinery, out of the hosts' reach: what {@link dev.partnerauth.PartnerAuth}
 * assembles behind its operations (key verification and administration, token minting and
 * redemption, throttles, client-address resolution, read caches, the JDBC plumbing). Types in
 * these packages are public only because the packages of the API need them across package lines.
 * They are unsupported: a host must not use them, and they may change in any release.
 */
package dev.partnerauth.internal;
