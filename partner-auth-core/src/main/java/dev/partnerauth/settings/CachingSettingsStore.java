package dev.partnerauth.settings;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the settings this node last read, for at most {@code maxAge}, in front of another store (a
 * database): every request reads them, and they change a few times a year.
 *
 * <p>A change made through this store is seen at once by the next read on this node (a read that
 * raced with it is not kept). A change made elsewhere (another node, or by hand in the database)
 * is seen once the cached copy is older than {@code maxAge}: until then, disabling the
 * authenticator on another node leaves this one signing users in. Use it on a single node, or
 * where that delay is acceptable; {@code PartnerAuth.Builder.cacheStoreReads} sets it up.
 */
public final class CachingSettingsStore implements SettingsStore {
    private final SettingsStore delegate;
    private final long maxAgeNanos;
    private final Ticker ticker;
    /** Moves on every change; a read begun under an older value is not kept. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Loaded loaded;

    public CachingSettingsStore(SettingsStore delegate, Duration maxAge, Ticker ticker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
        this.maxAgeNanos = maxAge.toNanos();
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    @Override
    public AuthenticatorSettings get() {
        Loaded current = loaded;
        long now = ticker.read();
        if (current != null && current.generation == generation.get() && now - current.at < maxAgeNanos) {
            return current.settings;
        }
        long before = generation.get();
        AuthenticatorSettings settings = delegate.get();
        if (generation.get() == before) {
            loaded = new Loaded(settings, before, now);
        }
        return settings;
    }

    @Override
    public void put(AuthenticatorSettings settings) {
        try {
            delegate.put(settings);
        } finally {
            generation.incrementAndGet();
            loaded = null;
        }
    }

    private record Loaded(AuthenticatorSettings settings, long generation, long at) {
    }
}
