/**
 * Minting and redeeming access tokens and launch codes behind {@link dev.partnerauth.PartnerAuth}:
 * the signer, the single-use redemption against the grant store, signing-key rotation.
 *
 * <p>Unsupported: public only so that the library's own packages can reach it; a host must not use
 * it, and it may change in any release. Thread-safe; no argument may be null.
 */
package dev.partnerauth.internal.token;
