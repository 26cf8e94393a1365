package dev.partnerauth.internal.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.partnerauth.internal.json.Json;
import dev.partnerauth.internal.json.JsonSyntaxException;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.token.SigningKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs access tokens under one signing key, and reads back the tokens it signed: compact JWS,
 * HS256, header {@code kid}, {@code typ}, {@code alg} (as nimbus encodes it, byte for byte),
 * claims {@code sub}, {@code prt}, {@code pak}, {@code exp}, {@code iat}, {@code jti}, {@code sgn}.
 *
 * <p>The claims are written by the library's JSON codec rather than nimbus's, because the subject
 * is the partner portal's user id, taken as given: the codec escapes every character that could
 * end the string, and an unpaired surrogate too, which nimbus would send as {@code ?}.
 *
 * <p>{@link #readOwn} is the redemption's fast path: it accepts only a token in exactly the form
 * {@link #sign} writes, with this key's header, its MAC checked over the token's own characters
 * (in constant time, before the claims are decoded) and compared in its one canonical encoding,
 * and claims of exactly the names and types {@code sign} writes. Anything else it leaves to the
 * general reader ({@link TokenService}, with nimbus), so that what is refused, and why, is the
 * general reader's decision alone. Both are tested to read every token this class signs alike.
 *
 * <p>Thread-safe: every signature and check takes its own copy of the key's {@link Mac}.
 */
final class AccessTokenSigner {
    /** The claim naming the authentication key a token was minted through. */
    static final String KEY_CLAIM = "pak";
    /** The claim naming the partner: the subject is a user of this partner, never a bare user id. */
    static final String PARTNER_CLAIM = "prt";
    /**
     * The claim carrying the user's session generation at minting: a token minted before a
     * sign-out is refused before it is spent, without a store call beyond the user's record.
     */
    static final String GENERATION_CLAIM = "sgn";
    /** An HMAC-SHA-256 in base64url without padding. */
    private static final int SIGNATURE_CHARS = 43;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String kid;
    /** The header's base64url, the token's first segment. */
    private final String encodedHeader;
    private final byte[] encodedHeaderBytes;
    private final Mac prototype;

    AccessTokenSigner(SigningKey key) {
        this.kid = key.kid();
        // nimbus writes the header once, so the tokens' first segment is what a nimbus signer sends
        this.encodedHeader = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).type(JOSEObjectType.JWT).build()
                .toBase64URL().toString();
        this.encodedHeaderBytes = encodedHeader.getBytes(StandardCharsets.US_ASCII);
        byte[] secret = key.secret();
        try {
            // SecretKeySpec keeps its own copy, so the one we were handed can be wiped at once
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            this.prototype = mac;
            mac.clone(); // a provider whose Mac cannot be copied fails here, when the keys are loaded
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            // a refused key fails here, when the keys are loaded, not on a sign-in
            throw new IllegalStateException("the signing key is refused for HS256", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    String kid() {
        return kid;
    }

    /** Signs a token; the instants are written in whole seconds, as JWT requires. */
    String sign(String jti, String userId, PartnerId partnerId, KeyId keyId, Instant issuedAt, Instant expiresAt,
                long sessionGeneration) {
        byte[] payload = BASE64URL.encode(claimsJson(jti, userId, partnerId, keyId, issuedAt, expiresAt,
                sessionGeneration).getBytes(StandardCharsets.UTF_8));
        int signed = encodedHeaderBytes.length + 1 + payload.length;
        byte[] token = new byte[signed + 1 + SIGNATURE_CHARS];
        System.arraycopy(encodedHeaderBytes, 0, token, 0, encodedHeaderBytes.length);
        token[encodedHeaderBytes.length] = '.';
        System.arraycopy(payload, 0, token, encodedHeaderBytes.length + 1, payload.length);
        token[signed] = '.';
        System.arraycopy(signature(token, signed), 0, token, signed + 1, SIGNATURE_CHARS);
        return new String(token, StandardCharsets.US_ASCII);
    }

    /**
     * What a token this key signed claims, and its id; empty for every other token, which the
     * caller must read the general way (it may still be good: signed by another key, or by an
     * earlier release in another form). Never throws for any input.
     */
    Optional<OwnToken> readOwn(String token) {
        int headerEnd = encodedHeader.length();
        if (!token.startsWith(encodedHeader) || token.length() <= headerEnd || token.charAt(headerEnd) != '.') {
            return Optional.empty();
        }
        int signed = token.lastIndexOf('.');
        if (signed <= headerEnd || token.length() - signed - 1 != SIGNATURE_CHARS) {
            return Optional.empty();
        }
        byte[] bytes = token.getBytes(StandardCharsets.US_ASCII);
        byte[] expected = signature(bytes, signed);
        byte[] presented = Arrays.copyOfRange(bytes, signed + 1, bytes.length);
        // a character outside ASCII became '?', which no base64url signature holds: it cannot match
        if (!MessageDigest.isEqual(expected, presented)) {
            return Optional.empty();
        }
        try {
            // the payload is ours (the MAC says so), but it is read as strictly as any input
            byte[] claims = Base64.getUrlDecoder().decode(Arrays.copyOfRange(bytes, headerEnd + 1, signed));
            return Json.parse(claims) instanceof Map<?, ?> map ? ownClaims(map) : Optional.empty();
        } catch (IllegalArgumentException | JsonSyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * A token's claims as {@link #sign} writes them, read without nimbus.
     *
     * @param jti the token's id, under whose digest its grant is kept
     */
    record OwnToken(PendingGrant claimed, String jti) {
    }

    private static Optional<OwnToken> ownClaims(Map<?, ?> claims) {
        if (claims.size() != 7 || !(claims.get("sub") instanceof String subject)
                || !(claims.get(PARTNER_CLAIM) instanceof String partner)
                || !(claims.get(KEY_CLAIM) instanceof String key)
                || !(claims.get("jti") instanceof String jti)
                || !(claims.get("iat") instanceof BigDecimal)) {
            return Optional.empty();
        }
        Optional<PartnerId> partnerId = PartnerId.parse(partner);
        Optional<KeyId> keyId = KeyId.parse(key);
        long exp = wholeNumber(claims.get("exp"));
        long generation = wholeNumber(claims.get(GENERATION_CLAIM));
        if (partnerId.isEmpty() || keyId.isEmpty() || exp < 0 || generation < 0) {
            return Optional.empty();
        }
        return Optional.of(new OwnToken(new PendingGrant(keyId.get(), partnerId.get(), subject, Set.of(),
                Instant.ofEpochSecond(exp), generation), jti));
    }

    /**
     * A whole, non-negative number as {@code sign} writes its numbers, of at most 15 digits (so that
     * any of them is an {@code Instant}'s second); else -1.
     */
    private static long wholeNumber(Object claim) {
        return claim instanceof BigDecimal number && number.signum() >= 0 && number.scale() == 0
                && number.precision() <= 15 ? number.longValueExact() : -1;
    }

    /** The base64url HMAC of {@code token[0, length)}. */
    private byte[] signature(byte[] token, int length) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the key's Mac could be copied when it was loaded", e);
        }
        mac.update(token, 0, length);
        return BASE64URL.encode(mac.doFinal());
    }

    /** The claims in the order the earlier minters wrote them, so a token reads as it always has. */
    private static String claimsJson(String jti, String userId, PartnerId partnerId, KeyId keyId, Instant issuedAt,
                                      Instant expiresAt, long sessionGeneration) {
        Map<String, Object> claims = new LinkedHashMap<>(8);
        claims.put("sub", userId);
        claims.put(PARTNER_CLAIM, partnerId.value());
        claims.put(KEY_CLAIM, keyId.value());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("jti", jti);
        claims.put(GENERATION_CLAIM, sessionGeneration);
        return Json.writeEscapingLoneSurrogates(claims);
    }
}
