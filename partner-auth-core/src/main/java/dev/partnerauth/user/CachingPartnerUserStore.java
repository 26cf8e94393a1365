package dev.partnerauth.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the partner users this node has read or written, for at most {@code maxAge}, in front of
 * another store (a database). A PRM sends the same details with every sign-in; when they equal the
 * cached copy, {@link #upsert} answers from memory, which is what the store would do after reading
 * the row ("nothing is written when the details are the same").
 *
 * <p>Changes made through this store are seen at once on this node: upserts of one user are
 * serialised here, and enabling or disabling a user drops every cached copy. A change made elsewhere
 * (another node, or by hand) is seen once the cached copy is older than {@code maxAge}: until then
 * a user disabled on another node can still sign in here, and details changed by another node's
 * sign-in are not written back by this node's next sign-in with the older details. Use it on a single
 * node, or where that delay is acceptable; {@code PartnerAuth.Builder.cacheStoreReads} sets it up.
 */
public final class CachingPartnerUserStore implements PartnerUserStore {
    private static final long MAXIMUM_SIZE = 100_000;

    private final PartnerUserStore delegate;
    private final Cache<String, Loaded> cache;
    /** Moves on every enable or disable; an entry loaded under an older value is not trusted. */
    private final AtomicLong generation = new AtomicLong();

    public CachingPartnerUserStore(PartnerUserStore delegate, Duration maxAge, Ticker ticker) {
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
    public PartnerUser upsert(UserInformation information, Instant now) {
        Objects.requireNonNull(information, "information");
        Loaded cached = cache.getIfPresent(information.userId());
        if (isCurrent(cached) && cached.user.information().equals(information)) {
            return cached.user;
        }
        // one upsert per user at a time on this node, so the cached copy is the last one written here
        return cache.asMap().compute(information.userId(), (id, old) -> {
            if (isCurrent(old) && old.user.information().equals(information)) {
                return old;
            }
            long before = generation.get();
            return new Loaded(delegate.upsert(information, now), before);
        }).user;
    }

    @Override
    public Optional<PartnerUser> find(String userId) {
        Loaded cached = cache.getIfPresent(userId);
        if (isCurrent(cached)) {
            return Optional.of(cached.user);
        }
        long before = generation.get();
        Optional<PartnerUser> found = delegate.find(userId);
        found.ifPresent(user -> cache.asMap().putIfAbsent(userId, new Loaded(user, before)));
        return found;
    }

    @Override
    public boolean setEnabled(String userId, boolean enabled) {
        try {
            return delegate.setEnabled(userId, enabled);
        } finally {
            generation.incrementAndGet();
            cache.invalidateAll();
        }
    }

    private boolean isCurrent(Loaded loaded) {
        return loaded != null && loaded.generation == generation.get();
    }

    private record Loaded(PartnerUser user, long generation) {
    }
}
