package dev.partnerauth.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA-256 of a key under the pepper, and its constant-time check. Thread-safe. */
final class KeyHasher {
    private static final String ALGORITHM = "HmacSHA256";
    /** Compared against when the id is unknown, so that both paths do the same work. */
    private static final byte[] DECOY = new byte[32];
    private final Mac prototype;

    KeyHasher(KeyPepper pepper) {
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(pepper.bytes(), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    byte[] hash(String key) {
        return mac().doFinal(key.getBytes(StandardCharsets.US_ASCII));
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

    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JCA provider's HMAC cannot be cloned", e);
        }
    }
}
