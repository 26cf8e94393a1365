package dev.partnerauth.key;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where keys live. Implementations must be thread-safe; {@link #find} is on the hot path of every
 * authentication and must be a lookup by id, never a scan.
 */
public interface KeyStore {
    /** Adds a new key; its id is fresh and random, so a clash is a fault. */
    void insert(StoredKey key);

    Optional<StoredKey> find(KeyId id);

    /** Every key's metadata, oldest first. For the administration page, not for requests. */
    List<AuthenticationKey> list();

    /**
     * Replaces the name, allowed IPs and expiry of an existing key (not its hash, partner or timestamps).
     *
     * @return false when no key has this id
     */
    boolean update(AuthenticationKey metadata);

    /** @return false when no key had this id */
    boolean delete(KeyId id);

    /** Records that the key authenticated a user at this time; a missing key is ignored. */
    void recordUse(KeyId id, Instant at);
}
