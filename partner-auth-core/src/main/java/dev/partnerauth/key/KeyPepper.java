package dev.partnerauth.key;

import java.util.Base64;
import java.util.Objects;

/**
 * The server-side secret mixed into every stored key hash, so that a stolen key table alone cannot
 * be used to test guesses. Keep it outside the database (environment, secret manager) and the same
 * on every node; changing it invalidates every key.
 */
public final class KeyPepper {
    /** 256 bits: the HMAC-SHA-256 block of security; shorter peppers are refused. */
    public static final int MIN_BYTES = 32;
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

    /** Reads a pepper written as standard or URL-safe base64. */
    public static KeyPepper fromBase64(String base64) {
        Objects.requireNonNull(base64, "base64");
        try {
            String s = base64.trim();
            return new KeyPepper(s.indexOf('-') >= 0 || s.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key pepper is not valid base64", null);
        }
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "KeyPepper[<redacted>]";
    }
}
