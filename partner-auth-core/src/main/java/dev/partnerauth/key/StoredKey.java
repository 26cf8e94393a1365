package dev.partnerauth.key;

import java.util.Objects;

/**
 * A key as a {@link KeyStore} keeps it: metadata plus the keyed hash of the key. The hash is
 * useless without the pepper, but still never leaves the library: {@code toString} omits it.
 */
public record StoredKey(AuthenticationKey metadata, byte[] hash) {
    public StoredKey {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(hash, "hash");
        if (hash.length != 32) {
            throw new IllegalArgumentException("an HMAC-SHA-256 hash is 32 bytes");
        }
        hash = hash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredKey k && k.metadata.equals(metadata) && java.util.Arrays.equals(k.hash, hash);
    }

    @Override
    public int hashCode() {
        return metadata.hashCode();
    }

    @Override
    public String toString() {
        return "StoredKey[" + metadata + ", hash=<redacted>]";
    }
}
