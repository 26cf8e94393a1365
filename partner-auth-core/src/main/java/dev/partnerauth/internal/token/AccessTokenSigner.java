package dev.partnerauth.internal.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.token.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and signs access tokens under one signing key: compact JWS, HS256, claims {@code sub},
 * {@code prt}, {@code pak}, {@code exp}, {@code iat}, {@code jti}. Minting runs on every sign-in, so the token is
 * written here directly instead of through nimbus, which serialises the claims through a general JSON
 * library and looks up a new {@link Mac} for every signature. Redemption still parses and verifies
 * with nimbus; the tests hold this writer to what nimbus reads back.
 *
 * <p>Thread-safe. Each thread signs with a {@link Mac} of its own, keyed once for this signer's key;
 * a {@code Mac} is never shared between threads. The per-thread values are JDK types only, so a
 * container thread that outlives a redeployed application does not keep its classes loaded.
 */
final class AccessTokenSigner {
    /** The claim naming the authentication key a token was minted through. */
    static final String KEY_CLAIM = "pak";
    /** The claim naming the partner: the subject is a user of this partner, never a bare user id. */
    static final String PARTNER_CLAIM = "prt";
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code base64url(header) + "."}: the header names the key, so it is the same in every token. */
    private final byte[] headerAndDot;
    private final ThreadLocal<Mac> macs;

    AccessTokenSigner(SigningKey key) {
        String header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(key.kid()).type(JOSEObjectType.JWT).build().toBase64URL().toString();
        this.headerAndDot = (header + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] secret = key.secret();
        SecretKeySpec macKey = new SecretKeySpec(secret, MAC_ALGORITHM);
        Arrays.fill(secret, (byte) 0);
        newMac(macKey); // a refused key fails here, when the keys are loaded, not on a sign-in
        this.macs = ThreadLocal.withInitial(() -> newMac(macKey));
    }

    /** Signs a token; the instants are written in whole seconds, as JWT requires. */
    String sign(String jti, String userId, PartnerId partnerId, KeyId keyId, Instant issuedAt, Instant expiresAt) {
        byte[] payload = BASE64URL.encode(claimsJson(jti, userId, partnerId, keyId, issuedAt, expiresAt)
                .getBytes(StandardCharsets.UTF_8));
        Mac mac = macs.get();
        mac.update(headerAndDot);
        mac.update(payload);
        byte[] signature = BASE64URL.encode(mac.doFinal()); // doFinal also readies the Mac for the next token

        byte[] token = new byte[headerAndDot.length + payload.length + 1 + signature.length];
        System.arraycopy(headerAndDot, 0, token, 0, headerAndDot.length);
        System.arraycopy(payload, 0, token, headerAndDot.length, payload.length);
        token[headerAndDot.length + payload.length] = '.';
        System.arraycopy(signature, 0, token, token.length - signature.length, signature.length);
        return new String(token, StandardCharsets.US_ASCII);
    }

    /**
     * The claims as JSON, in the order nimbus wrote them when it minted these tokens (so a token is
     * byte for byte what it was), every string escaped.
     */
    static String claimsJson(String jti, String userId, PartnerId partnerId, KeyId keyId, Instant issuedAt,
                             Instant expiresAt) {
        StringBuilder json = new StringBuilder(96 + userId.length());
        json.append("{\"sub\":");
        appendJsonString(json, userId);
        json.append(",\"" + PARTNER_CLAIM + "\":");
        appendJsonString(json, partnerId.value());
        json.append(",\"" + KEY_CLAIM + "\":");
        appendJsonString(json, keyId.value());
        json.append(",\"exp\":").append(expiresAt.getEpochSecond());
        json.append(",\"iat\":").append(issuedAt.getEpochSecond());
        json.append(",\"jti\":");
        appendJsonString(json, jti);
        return json.append('}').toString();
    }

    /**
     * Appends {@code s} as a JSON string that any JSON parser reads back as {@code s} exactly. The
     * user id comes from the partner portal: an unescaped quote there would let it write claims of
     * its own. Escaped: quote, backslash, every control character, U+2028 and U+2029 (as nimbus
     * does), and unpaired surrogates, which UTF-8 cannot carry (nimbus would have sent {@code ?}).
     * Everything else, paired surrogates included, goes out as UTF-8.
     */
    static void appendJsonString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available for a signing key", e);
        }
    }
}
