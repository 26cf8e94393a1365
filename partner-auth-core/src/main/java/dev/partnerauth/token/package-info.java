/**
 * Single-use credentials: the 60-second access token that {@code authenticate/user} returns, and
 * the launch code that carries a sign-in across the redirect into the host.
 *
 * <p>An access token is a compact JWS (HS256; written here, parsed and verified by nimbus-jose-jwt)
 * whose signature lets forgeries be refused without a store lookup; single use is enforced by {@link
 * dev.partnerauth.token.OneTimeGrantStore} ({@link dev.partnerauth.token.CaffeineGrantStore} on one node,
 * {@code JdbcGrantStore} across nodes), where redeeming is one atomic removal. Stores see only
 * the SHA-256 {@link dev.partnerauth.token.GrantDigest} of a token id or launch code, so reading a
 * store never yields a usable credential. Signing keys come from a {@link
 * dev.partnerauth.token.SigningKeyStore}, shared by every node that shares the store.
 *
 * <p>All public types are thread-safe. Nothing here prints a token, a code or a signing key.
 */
package dev.partnerauth.token;
