package dev.partnerauth.token;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where token-signing keys live: every node that shares this store signs and verifies with the
 * same keys, with no configuration. Implementations must be thread-safe.
 */
public interface SigningKeyStore {
    /**
     * Every key, newest first. When there is none, stores the one {@code first} supplies, such that
     * nodes racing to do so all end up with the same single key.
     */
    List<SigningKey> keys(Supplier<SigningKey> first);

    /** Adds a key, which becomes the newest. */
    void add(SigningKey key);

    /** Removes keys created before {@code cutoff}, except the newest, which always stays. */
    int removeCreatedBefore(Instant cutoff);
}
