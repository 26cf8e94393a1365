package dev.partnerauth.key;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the keys this node has read, for at most {@code maxAge}, in front of another store (a
 * database), so that a sign-in does not read its key from the database each time.
 *
 * <p>Every change made through this store is seen at once by the next lookup on this node: a
 * change drops every cached key, and a lookup that raced with the change is not kept. A change made
 * elsewhere (another node, or by hand in the database) is seen once the cached copy is older than
 * {@code maxAge}: until then a key deleted on another node still signs users in here. Use it on a
 * single node, or where that delay is acceptable; {@code PartnerAuth.Builder.cacheStoreReads} sets
 * it up.
 */
public final class CachingKeyStore implements KeyStore {
    private static final long MAXIMUM_SIZE = 10_000;

    private final KeyStore delegate;
    private final Cache<KeyId, Loaded> cache;
    /** Moves on every change; an entry loaded under an older value is not trusted. */
    private final AtomicLong generation = new AtomicLong();

    public CachingKeyStore(KeyStore delegate, Duration maxAge, Ticker ticker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
        this.cache = Caffeine.newBuilder()
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .expireAfterWrite(maxAge)
                .maximumSize(MAXIMUM_SIZE)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Optional<StoredKey> find(KeyId id) {
        Loaded cached = cache.getIfPresent(id);
        if (cached != null && cached.generation == generation.get()) {
            return Optional.of(cached.key);
        }
        long before = generation.get();
        Optional<StoredKey> found = delegate.find(id);
        // an absent key is not remembered: creating it on another node must not wait for maxAge
        found.ifPresent(key -> cache.put(id, new Loaded(key, before)));
        return found;
    }

    @Override
    public void insert(StoredKey key) {
        delegate.insert(key);
        changed();
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
    }

    private void changed() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }

    private record Loaded(StoredKey key, long generation) {
    }
}
