/**
 * Authentication keys: the long-lived secret an administrator hands to a partner's PRM backend.
 *
 * <p>A key reads {@code pak_<id>_<secret><checksum>}: a recognisable prefix, a 12-character public
 * id used for lookup, 22 base62 characters (131 bits from a {@link java.security.SecureRandom}) of
 * secret, and a 6-character CRC32 checksum so that a mistyped key is refused before any store is
 * asked and secret scanners can recognise a leaked one. Only an HMAC-SHA-256 of the whole key under
 * a server-side pepper is stored, and it is compared in constant time.
 *
 * <p>Every key belongs to a {@link dev.partnerauth.key.PartnerId partner}, the tenant whose users
 * it signs in: a new key starts a partner unless it is made for one that has a key (a hand-over,
 * or {@link dev.partnerauth.PartnerAuth#rollKey a roll}). A partner exists while it has a key.
 *
 * <p>{@link dev.partnerauth.PartnerAuth} administers keys (each change audited) and verifies them;
 * {@link dev.partnerauth.key.KeyStore}
 * is the extension point, with {@code InMemoryKeyStore} and
 * {@link dev.partnerauth.key.JdbcKeyStore} beside it. All public types are thread-safe; no method
 * accepts or returns {@code null} unless its documentation says so. Nothing here prints a key.
 */
package dev.partnerauth.key;
