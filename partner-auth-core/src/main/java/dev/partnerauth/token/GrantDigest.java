package dev.partnerauth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The SHA-256 of a token id or launch code: what a store keys a grant by. Held as four longs so
 * that an outstanding grant costs 32 bytes of key, not a string.
 */
public record GrantDigest(long a, long b, long c, long d) {
    /** Hashes a credential. Its entropy (at least 128 bits) makes a plain hash safe here. */
    public static GrantDigest of(String credential) {
        Objects.requireNonNull(credential, "credential");
        try {
            return fromBytes(MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public static GrantDigest fromBytes(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(sha256);
        return new GrantDigest(b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(32).putLong(a).putLong(b).putLong(c).putLong(d).array();
    }

    public String toHex() {
        return HexFormat.of().formatHex(toBytes());
    }

    @Override
    public String toString() {
        return "GrantDigest[" + toHex().substring(0, 8) + "...]";
    }
}
