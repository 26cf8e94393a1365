package dev.partnerauth.internal.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyStore;
import dev.partnerauth.key.StoredKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the keys this node has read, for at most {@code maxAge}, in front of another store (a
 * database), so that a sign-in does not read its key from the database each time.
 *
 * <p>Every change made through this store is seen at once by the next lookup on this node, also
 * by a lookup that raced with the change ({@link ReadCache}). A change made elsewhere (another
 * node, or by hand in the database) is seen once the cached copy is older than {@code maxAge}:
 * until then a key deleted on another node still signs users in here. Use it on a single node, or
 * where that delay is acceptable; {@code PartnerAuth.Builder.cacheStoreReads} sets it up.
 *
 * <p>That a key id is unknown is remembered too, in a bound of its own: otherwise an unknown id
 * would cost a database query where a known one costs none, which both tells an attacker which ids
 * exist and lets made-up keys load the database. Junk ids can only push other junk ids out. A key
 * is created with a fresh random id, so no node has looked it up before it exists.
 */
public final class CachingKeyStore implements KeyStore {
    private static final long MAXIMUM_SIZE = 10_000;

    private final KeyStore delegate;
    private final ReadCache<KeyId, StoredKey> cache;
    private final ReadCache<KeyId, Boolean> unknown;

    public CachingKeyStore(KeyStore delegate, Duration maxAge, Ticker ticker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = new ReadCache<>(maxAge, ticker, MAXIMUM_SIZE);
        this.unknown = new ReadCache<>(maxAge, ticker, MAXIMUM_SIZE);
    }

    @Override
    public Optional<StoredKey> find(KeyId id) {
        StoredKey cached = cache.current(id);
        if (cached != null || unknown.current(id) != null) {
            return Optional.ofNullable(cached);
        }
        StoredKey[] found = new StoredKey[1];
        // both caches note a lookup's result only if no change was made through this store since it began
        unknown.get(id, k -> {
            found[0] = cache.get(k, x -> delegate.find(x).orElse(null));
            return found[0] == null ? Boolean.TRUE : null;
        });
        return Optional.ofNullable(found[0]);
    }

    private void changed() {
        cache.changed();
        unknown.changed();
    }

    @Override
    public void insert(StoredKey key) {
        try {
            delegate.insert(key);
        } finally {
            changed();
        }
    }

    @Override
    public List<AuthenticationKey> list() {
        return delegate.list();
    }

    @Override
    public boolean update(AuthenticationKey metadata) {
        try {
            return delegate.update(metadata);
        } finally {
            changed();
        }
    }

    @Override
    public boolean delete(KeyId id) {
        try {
            return delegate.delete(id);
        } finally {
            changed();
        }
    }

    /** Drops only this key's copy, so that its {@code last_used_at} reads fresh; no other key is affected. */
    @Override
    public void recordUse(KeyId id, Instant at) {
        delegate.recordUse(id, at);
        cache.invalidate(id);
        unknown.invalidate(id);
    }
}
