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
 * {@code CachingPartnerUserStore}) share: copies of what a store returned, each answered for at
 * most {@code maxAge} after its read began, and dropped all at once by {@link #changed()} when the
 * store is written through this node.
 *
 * <p>A read that was under way while {@link #changed()} ran must not leave its (possibly old)
 * result behind: every copy carries the number of changes seen when its read began, and a copy
 * from before the latest change is never answered. The same holds for a copy handed in by {@link
 * #prime} from a read made elsewhere (the composed read of a Partner API call): it carries what
 * {@link #readBegins()} saw before that read. Absent values are not kept, so something created on
 * another node is found at once. Thread-safe.
 */
final class ReadCache<K, V> {
    private final Cache<K, Copy<V>> copies;
    private final AtomicLong changes = new AtomicLong();
    private final Ticker ticker;
    private final long maxAgeNanos;

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
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.maxAgeNanos = maxAge.toNanos();
        this.copies = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(maxAge)
                .maximumSize(maximumSize)
                .executor(Runnable::run)
                .build();
    }

    /** The copy of {@code key}'s value, or {@code null} when there is none younger than the last change and maxAge. */
    public V current(K key) {
        return valueIfCurrent(copies.getIfPresent(key));
    }

    /** True when {@link #current} would answer {@code key} without a read. */
    public boolean holds(K key) {
        return current(key) != null;
    }

    /** The current copy, or what {@code read} returns ({@code null} for absent, which is not kept). */
    public V get(K key, Function<K, V> read) {
        V value = current(key);
        if (value != null) {
            return value;
        }
        ReadStart before = readBegins();
        value = read.apply(key);
        if (value != null) {
            copies.put(key, new Copy<>(value, before.changes, before.at));
        }
        return value;
    }

    /**
     * Notes the moment a read is about to begin: taken before the read, it ages the copy from the
     * read's start and ties it to the changes seen so far (see {@link #prime}).
     */
    public ReadStart readBegins() {
        return new ReadStart(changes.get(), ticker.read());
    }

    /**
     * Keeps {@code value}, read elsewhere after {@code before}, as {@code key}'s copy, unless a
     * current copy is there already (what a call of this node wrote in the meantime is not
     * replaced by what the read saw before it) or a change was made through this node since the
     * read began. {@code null} (absent) is not kept.
     */
    public void prime(K key, V value, ReadStart before) {
        Objects.requireNonNull(before, "before");
        if (value == null || before.changes != changes.get()) {
            return;
        }
        copies.asMap().compute(key, (k, copy) -> valueIfCurrent(copy) != null ? copy
                : new Copy<>(value, before.changes, before.at));
    }

    /**
     * Replaces {@code key}'s current copy with what {@code patch} makes of it, keeping the copy's
     * age and the changes it was read after, so that a patched copy is not answered for longer than
     * the read it came from. Nothing happens when there is no current copy.
     */
    public void patch(K key, UnaryOperator<V> patch) {
        copies.asMap().computeIfPresent(key, (k, copy) -> valueIfCurrent(copy) == null ? null
                : new Copy<>(Objects.requireNonNull(patch.apply(copy.value), "patched"), copy.changes, copy.readAt));
    }

    /**
     * Replaces {@code key}'s copy with what {@code write} returns, given the current copy (or {@code
     * null}); calls for one key run one at a time, so the copy is the last value written here.
     */
    public V update(K key, UnaryOperator<V> write) {
        return copies.asMap().compute(key, (k, copy) -> {
            V current = valueIfCurrent(copy);
            ReadStart before = readBegins();
            V written = Objects.requireNonNull(write.apply(current), "written");
            return written == current ? copy : new Copy<>(written, before.changes, before.at);
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

    /**
     * A copy is answered only if no change was made after its read began, and for less than maxAge
     * since then (measured here, not by the cache's own expiry, which a {@link #patch} restarts).
     */
    private V valueIfCurrent(Copy<V> copy) {
        return copy != null && copy.changes == changes.get() && ticker.read() - copy.readAt < maxAgeNanos
                ? copy.value : null;
    }

    /** What {@link #readBegins} saw: the changes made so far and the ticker's time. */
    public record ReadStart(long changes, long at) {
    }

    private record Copy<V>(V value, long changes, long readAt) {
    }
}
