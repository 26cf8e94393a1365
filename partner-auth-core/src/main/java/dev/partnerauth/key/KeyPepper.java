package dev.partnerauth.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server-side secret mixed into every stored key hash, so that a stolen key table alone cannot
 * be used to test guesses. Keep it outside the database (environment, secret manager) and the same
 * on every node; changing it invalidates every key.
 */
public final class KeyPepper {
    /** 256 bits: the HMAC-SHA-256 block of security; shorter peppers are refused. */
    public static final int MIN_BYTES = 32;
    private static final String HOW = "make one with: openssl rand -base64 32";
    private static final String FINGERPRINT_LABEL = "partner-auth key pepper fingerprint v1";
    private final byte[] bytes;

    private KeyPepper(byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("the key pepper must be at least " + MIN_BYTES + " bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public static KeyPepper of(byte[] bytes) {
        return new KeyPepper(Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * Reads a pepper written as standard or URL-safe base64, such as the output of {@code openssl
     * rand -base64 32}.
     *
     * @throws IllegalArgumentException naming what is wrong: none given (null or blank, as from an
     *     unset environment variable), not base64, or fewer than {@value #MIN_BYTES} bytes; the
     *     message never repeats the value
     */
    public static KeyPepper fromBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("no key pepper given: expected " + MIN_BYTES
                    + " or more random bytes in base64 (" + HOW + "); is the variable or secret that holds it set?");
        }
        String s = base64.trim();
        byte[] bytes;
        try {
            bytes = s.indexOf('-') >= 0 || s.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes the offending character, a piece of the secret
            throw new IllegalArgumentException("the key pepper is not valid base64 (" + HOW + ")", null);
        }
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("the key pepper is " + bytes.length + " bytes once decoded from base64; at least "
                    + MIN_BYTES + " are needed (" + HOW + ")");
        }
        return new KeyPepper(bytes);
    }

    /**
     * A keyed fingerprint of this pepper, safe to store beside the keys: HMAC-SHA-256 under the
     * pepper of a fixed label. Telling two peppers apart by it needs one of them; finding the pepper
     * from it is as hard as breaking HMAC.
     */
    byte[] fingerprint() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = bytes();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            Arrays.fill(key, (byte) 0);
            return mac.doFinal(FINGERPRINT_LABEL.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    /** A copy of the pepper, for the key hasher; whoever takes it zeroes it when done. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "KeyPepper[<redacted>]";
    }
}
