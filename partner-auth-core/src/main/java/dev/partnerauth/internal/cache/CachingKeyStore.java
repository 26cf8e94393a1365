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

    /** True when {@link #find} answers {@code id} without the store: a copy, or the note that it is unknown. */
    boolean holds(KeyId id) {
        return cache.holds(id) || unknown.holds(id);
    }

    /** The current copy of {@code id}'s key, or {@code null}: not known here, or known to be unknown. */
    StoredKey cached(KeyId id) {
        return cache.current(id);
    }

    /** Taken before a read made elsewhere whose result {@link #prime} hands in. */
    ReadStarts readBegins() {
        return new ReadStarts(cache.readBegins(), unknown.readBegins());
    }

    /**
     * Keeps what a read made elsewhere found for {@code id} after {@code before}: the key, or
     * ({@code null}) that no key has this id, as {@link #find} would have.
     */
    void prime(KeyId id, StoredKey found, ReadStarts before) {
        if (found != null) {
            cache.prime(id, found, before.found());
        } else {
            unknown.prime(id, Boolean.TRUE, before.unknown());
        }
    }

    /** What {@link #readBegins} saw in each of the two caches. */
    record ReadStarts(ReadCache.ReadStart found, ReadCache.ReadStart unknown) {
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

    /**
     * Sets the recorded use in this key's copy too, so that its {@code last_used_at} reads fresh
     * without a read; the copy keeps its age, and no other key is affected. (Dropping the copy
     * instead would make the next call through this key read it again, about once a second under
     * load: a use is recorded at most once per {@code KeyService.LAST_USE_RESOLUTION}.)
     */
    @Override
    public void recordUse(KeyId id, Instant at) {
        delegate.recordUse(id, at);
        recordedUse(id, at);
    }

    /** A use written to the store by another statement (the composed sign-in): the copy shows it. */
    public void recordedUse(KeyId id, Instant at) {
        cache.patch(id, k -> new StoredKey(k.metadata().withLastUsedAt(at), k.hash()));
        unknown.invalidate(id);
    }
}
