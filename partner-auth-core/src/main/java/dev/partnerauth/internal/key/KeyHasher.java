package dev.partnerauth.internal.key;

import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.PresentedKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 of a key under the pepper, and its constant-time check. Thread-safe: a {@link Mac}
 * is not, so each hash works on its own clone of a keyed prototype that is never used itself.
 */
final class KeyHasher {
    private static final String ALGORITHM = "HmacSHA256";
    /** Compared against when the id is unknown, so that both paths do the same work. */
    private static final byte[] DECOY = new byte[32];
    private final Mac prototype;

    KeyHasher(KeyPepper pepper) {
        byte[] bytes = pepper.bytes();
        SecretKeySpec key = new SecretKeySpec(bytes, ALGORITHM);
        Arrays.fill(bytes, (byte) 0);
        this.prototype = newMac(key); // a missing algorithm or a refused pepper fails here, at start-up
        copy(); // and so does a provider whose Mac cannot be cloned
    }

    byte[] hash(String key) {
        return copy().doFinal(key.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac copy() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this HMAC-SHA-256 provider cannot clone a keyed Mac", e);
        }
    }

    /**
     * Hashes the presented key and compares in constant time.
     *
     * @param stored the stored hash, or {@code null} when no key has this id
     */
    boolean matches(PresentedKey presented, byte[] stored) {
        byte[] actual = hash(presented.text());
        boolean equal = MessageDigest.isEqual(actual, stored == null ? DECOY : stored);
        return equal && stored != null;
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
