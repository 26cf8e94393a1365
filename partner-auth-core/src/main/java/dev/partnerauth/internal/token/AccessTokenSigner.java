package dev.partnerauth.internal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import dev.partnerauth.internal.json.Json;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.token.SigningKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs access tokens under one signing key with nimbus: compact JWS, HS256, header {@code alg},
 * {@code typ}, {@code kid}, claims {@code sub}, {@code prt}, {@code pak}, {@code exp}, {@code iat},
 * {@code jti}, {@code sgn}. Redemption parses and verifies with nimbus too.
 *
 * <p>The claims are written by the library's JSON codec rather than nimbus's, because the subject
 * is the partner portal's user id, taken as given: the codec escapes every character that could
 * end the string, and an unpaired surrogate too, which nimbus would send as {@code ?}.
 *
 * <p>Thread-safe: the header and the {@link MACSigner} are immutable, and nimbus takes a fresh
 * {@code Mac} for every signature.
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

    private final JWSHeader header;
    private final MACSigner signer;

    AccessTokenSigner(SigningKey key) {
        JWSHeader built = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).type(JOSEObjectType.JWT).build();
        try {
            // a header read from its encoding keeps that encoding, so nimbus does not write the
            // same JSON and base64 again for every token (3 % of the demo's CPU, docs/benchmarks.md)
            this.header = JWSHeader.parse(built.toBase64URL());
        } catch (ParseException e) {
            throw new IllegalStateException("nimbus cannot read back its own header", e);
        }
        byte[] secret = key.secret();
        try {
            // SecretKeySpec keeps its own copy, so the one we were handed can be wiped at once
            this.signer = new MACSigner(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (JOSEException e) {
            // a refused key fails here, when the keys are loaded, not on a sign-in
            throw new IllegalStateException("the signing key is refused for HS256", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Signs a token; the instants are written in whole seconds, as JWT requires. */
    String sign(String jti, String userId, PartnerId partnerId, KeyId keyId, Instant issuedAt, Instant expiresAt,
                long sessionGeneration) {
        JWSObject jws = new JWSObject(header, new Payload(claimsJson(jti, userId, partnerId, keyId, issuedAt, expiresAt,
                sessionGeneration)));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HMAC-SHA-256 signing failed", e);
        }
        return jws.serialize();
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
