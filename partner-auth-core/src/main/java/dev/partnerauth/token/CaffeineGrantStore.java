package dev.partnerauth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.key.KeyId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Outstanding grants in a size-bounded Caffeine cache: the single-node default. Redeeming is
 * {@code asMap().remove}, atomic by the cache's contract. Grants leave the cache by themselves when
 * they expire; when {@code maximumSize} is reached the cache evicts, so the heap stays bounded
 * and a redeem of an evicted grant is refused like an unknown one.
 */
public final class CaffeineGrantStore implements OneTimeGrantStore {
    /** The default bound, per kind: access tokens and launch codes are bounded separately. */
    public static final long DEFAULT_MAXIMUM_SIZE = 1_000_000;

    private final Clock clock;
    private final Cache<GrantDigest, PendingGrant> tokens;
    private final Cache<GrantDigest, PendingGrant> launchCodes;

    public CaffeineGrantStore(Clock clock) {
        this(clock, Ticker.systemTicker(), DEFAULT_MAXIMUM_SIZE);
    }

    /**
     * @param ticker      drives Caffeine's own expiry; keep it in step with {@code clock} in tests
     * @param maximumSize the bound of each kind (access tokens, launch codes)
     */
    public CaffeineGrantStore(Clock clock, Ticker ticker, long maximumSize) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ticker, "ticker");
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be positive");
        }
        this.tokens = newCache(ticker, maximumSize);
        this.launchCodes = newCache(ticker, maximumSize);
    }

    private Cache<GrantDigest, PendingGrant> newCache(Ticker ticker, long maximumSize) {
        return Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(maximumSize)
                // maintenance on the calling thread: handing it to the common pool after writes
                // cost a wake-up per few saves (measured, docs/benchmarks.md) for a few entries' work
                .executor(Runnable::run)
                .expireAfter(new Expiry<GrantDigest, PendingGrant>() {
                    @Override
                    public long expireAfterCreate(GrantDigest key, PendingGrant grant, long currentTime) {
                        return Math.max(0, Duration.between(clock.instant(), grant.expiresAt()).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(GrantDigest key, PendingGrant grant, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, grant, currentTime);
                    }

                    @Override
                    public long expireAfterRead(GrantDigest key, PendingGrant grant, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public void save(GrantKind kind, GrantDigest digest, PendingGrant grant) {
        cache(kind).put(digest, grant);
    }

    @Override
    public Optional<PendingGrant> consume(GrantKind kind, GrantDigest digest, Instant now) {
        PendingGrant grant = cache(kind).asMap().remove(digest);
        return grant == null || grant.isExpiredAt(now) ? Optional.empty() : Optional.of(grant);
    }

    @Override
    public boolean isOutstanding(GrantKind kind, GrantDigest digest, Instant now) {
        PendingGrant grant = cache(kind).getIfPresent(digest);
        return grant != null && !grant.isExpiredAt(now);
    }

    @Override
    public void revokeKey(KeyId keyId) {
        tokens.asMap().values().removeIf(g -> g.keyId().equals(keyId));
        launchCodes.asMap().values().removeIf(g -> g.keyId().equals(keyId));
    }

    @Override
    public void revokeAll() {
        tokens.invalidateAll();
        launchCodes.invalidateAll();
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        int removed = 0;
        for (Cache<GrantDigest, PendingGrant> cache : java.util.List.of(tokens, launchCodes)) {
            Iterator<Map.Entry<GrantDigest, PendingGrant>> it = cache.asMap().entrySet().iterator();
            while (it.hasNext() && removed < limit) {
                if (it.next().getValue().isExpiredAt(now)) {
                    it.remove();
                    removed++;
                }
            }
        }
        // expired entries are invisible to the iteration above once the ticker has passed them;
        // Caffeine drops those itself here, for both kinds
        tokens.cleanUp();
        launchCodes.cleanUp();
        return removed;
    }

    /** Outstanding grants of both kinds, approximately (Caffeine's estimate). */
    public long estimatedSize() {
        return tokens.estimatedSize() + launchCodes.estimatedSize();
    }

    private Cache<GrantDigest, PendingGrant> cache(GrantKind kind) {
        return kind == GrantKind.ACCESS_TOKEN ? tokens : launchCodes;
    }
}
