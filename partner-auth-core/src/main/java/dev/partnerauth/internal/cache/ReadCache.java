package dev.partnerauth.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What the caching stores ({@code CachingKeyStore}, {@code CachingSettingsStore},
 * {@code CachingPartnerUserStore}) share: copies of what a store returned, each kept for at most
 * {@code maxAge}, and dropped all at once by {@link #changed()} when the store is written through
 * this node.
 *
 * <p>A read that was under way while {@link #changed()} ran must not leave its (possibly old)
 * result behind: every copy carries the number of changes seen when its read began, and a copy
 * from before the latest change is never answered. Absent values are not kept, so something
 * created on another node is found at once. Thread-safe.
 */
final class ReadCache<K, V> {
    private final Cache<K, Copy<V>> copies;
    private final AtomicLong changes = new AtomicLong();

    /**
     * @param maxAge      how long a copy is answered at most
     * @param ticker      the time source of {@code maxAge}
     * @param maximumSize copies kept at most; past it, the least useful are dropped
     */
    public ReadCache(Duration maxAge, Ticker ticker, long maximumSize) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
        this.copies = Caffeine.newBuilder()
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .expireAfterWrite(maxAge)
                .maximumSize(maximumSize)
                .executor(Runnable::run)
                .build();
    }

    /** The copy of {@code key}'s value, or {@code null} when there is none younger than the last change and maxAge. */
    public V current(K key) {
        return valueIfCurrent(copies.getIfPresent(key));
    }

    /** The current copy, or what {@code read} returns ({@code null} for absent, which is not kept). */
    public V get(K key, Function<K, V> read) {
        V value = current(key);
        if (value != null) {
            return value;
        }
        long before = changes.get();
        value = read.apply(key);
        if (value != null) {
            copies.put(key, new Copy<>(value, before));
        }
        return value;
    }

    /**
     * Replaces {@code key}'s copy with what {@code write} returns, given the current copy (or {@code
     * null}); calls for one key run one at a time, so the copy is the last value written here.
     */
    public V update(K key, UnaryOperator<V> write) {
        return copies.asMap().compute(key, (k, copy) -> {
            V current = valueIfCurrent(copy);
            long before = changes.get();
            V written = Objects.requireNonNull(write.apply(current), "written");
            return written == current ? copy : new Copy<>(written, before);
        }).value;
    }

    /** Drops the copy of one key (a change that concerns no other). */
    public void invalidate(K key) {
        copies.invalidate(key);
    }

    /** The store was written through this node: no copy read before this moment is answered again. */
    public void changed() {
        changes.incrementAndGet();
        copies.invalidateAll();
    }

    /** A copy is answered only if no change was made after its read began. */
    private V valueIfCurrent(Copy<V> copy) {
        return copy != null && copy.changes == changes.get() ? copy.value : null;
    }

    private record Copy<V>(V value, long changes) {
    }
}
