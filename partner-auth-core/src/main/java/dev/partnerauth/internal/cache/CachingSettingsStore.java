package dev.partnerauth.internal.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.settings.SettingsStore;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Keeps the settings this node last read, for at most {@code maxAge}, in front of another store (a
 * database): every request reads them, and they change a few times a year.
 *
 * <p>A change made through this store is seen at once by the next read on this node, also by a
 * read that raced with it ({@link ReadCache}). A change made elsewhere (another node, or by hand in
 * the database) is seen once the cached copy is older than {@code maxAge}: until then, disabling
 * the authenticator on another node leaves this one signing users in. Use it on a single node, or
 * where that delay is acceptable; {@code PartnerAuth.Builder.cacheStoreReads} sets it up.
 */
public final class CachingSettingsStore implements SettingsStore {
    private static final String THE_SETTINGS = "settings";

    private final SettingsStore delegate;
    private final ReadCache<String, AuthenticatorSettings> cache;

    public CachingSettingsStore(SettingsStore delegate, Duration maxAge, Ticker ticker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = new ReadCache<>(maxAge, ticker, 1);
    }

    @Override
    public AuthenticatorSettings get() {
        return cache.get(THE_SETTINGS, k -> delegate.get());
    }

    /** True when {@link #get} answers without the store. */
    boolean holds() {
        return cache.holds(THE_SETTINGS);
    }

    /** Taken before a read made elsewhere whose result {@link #prime} hands in. */
    ReadCache.ReadStart readBegins() {
        return cache.readBegins();
    }

    /** Keeps the settings a read made elsewhere found after {@code before}, as {@link #get} would have. */
    void prime(AuthenticatorSettings read, ReadCache.ReadStart before) {
        cache.prime(THE_SETTINGS, Objects.requireNonNull(read, "read"), before);
    }

    @Override
    public AuthenticatorSettings update(UnaryOperator<AuthenticatorSettings> change) {
        try {
            return delegate.update(change);
        } finally {
            cache.changed();
        }
    }

    @Override
    public void put(AuthenticatorSettings settings) {
        try {
            delegate.put(settings);
        } finally {
            cache.changed();
        }
    }
}
