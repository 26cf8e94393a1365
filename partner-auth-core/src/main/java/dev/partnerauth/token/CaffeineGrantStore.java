package dev.partnerauth.token;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.key.KeyId;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Outstanding grants in memory, bounded in number: the single-node default. Redeeming is
 * {@code ConcurrentHashMap.remove}, atomic by the map's contract. An expired grant is never
 * returned; it leaves the heap when {@link #purgeExpired} or the store's own sweep meets it (every
 * few saves the store looks at a few grants further along the map, so grants leave by themselves
 * within about half a lifetime of their expiry even if nobody purges). When {@code maximumSize}
 * grants of a kind are held, each save first removes one (expired if the sweep finds one close by,
 * else any), so the heap stays bounded, and a redeem of a grant removed that way is refused like an
 * unknown one.
 *
 * <p>The name is historical: this store was a Caffeine cache, whose per-entry bookkeeping (the
 * access order and the expiry timer, both linked lists through every entry) cost more on each save
 * and in each garbage collection than a plain map whose entries carry their own expiry
 * (docs/benchmarks.md). Thread-safe.
 */
public final class CaffeineGrantStore implements OneTimeGrantStore {
    /** The default bound, per kind: access tokens and launch codes are bounded separately. */
    public static final long DEFAULT_MAXIMUM_SIZE = 1_000_000;

    /** Saves between two sweeps, a power of two. */
    static final int SWEEP_EVERY = 64;
    /** Grants looked at per sweep: twice {@link #SWEEP_EVERY}, so the sweep outpaces the saves. */
    static final int SWEEP_LENGTH = 2 * SWEEP_EVERY;

    private final Clock clock;
    private final Grants tokens;
    private final Grants launchCodes;

    public CaffeineGrantStore(Clock clock) {
        this(clock, Ticker.systemTicker(), DEFAULT_MAXIMUM_SIZE);
    }

    /**
     * @param ticker      unused since the store judges expiry by {@code clock} alone; kept so that
     *                    hosts' code compiles (it must still not be null)
     * @param maximumSize the bound of each kind (access tokens, launch codes)
     */
    public CaffeineGrantStore(Clock clock, Ticker ticker, long maximumSize) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ticker, "ticker");
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be positive");
        }
        this.tokens = new Grants(maximumSize);
        this.launchCodes = new Grants(maximumSize);
    }

    @Override
    public void save(GrantKind kind, GrantDigest digest, PendingGrant grant) {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(grant, "grant");
        grants(kind).save(digest, grant, clock);
    }

    @Override
    public Optional<PendingGrant> consume(GrantKind kind, GrantDigest digest, Instant now) {
        PendingGrant grant = grants(kind).remove(digest);
        return grant == null || grant.isExpiredAt(now) ? Optional.empty() : Optional.of(grant);
    }

    @Override
    public boolean isOutstanding(GrantKind kind, GrantDigest digest, Instant now) {
        PendingGrant grant = grants(kind).map.get(digest);
        return grant != null && !grant.isExpiredAt(now);
    }

    @Override
    public void revokeKey(KeyId keyId) {
        Objects.requireNonNull(keyId, "keyId");
        tokens.removeIf(g -> g.keyId().equals(keyId));
        launchCodes.removeIf(g -> g.keyId().equals(keyId));
    }

    @Override
    public void revokeAll() {
        tokens.removeIf(g -> true);
        launchCodes.removeIf(g -> true);
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        int removed = tokens.purge(now, limit);
        return removed + launchCodes.purge(now, limit - removed);
    }

    /** Grants held of both kinds, expired ones not yet swept included. */
    public long estimatedSize() {
        return tokens.size.get() + launchCodes.size.get();
    }

    private Grants grants(GrantKind kind) {
        return kind == GrantKind.ACCESS_TOKEN ? tokens : launchCodes;
    }

    /** One kind's grants: the map, its count, and the sweep's place in it. */
    private static final class Grants {
        final ConcurrentHashMap<GrantDigest, PendingGrant> map = new ConcurrentHashMap<>();
        final AtomicLong size = new AtomicLong();
        final AtomicLong saves = new AtomicLong();
        final long maximumSize;
        /** Guards {@link #cursor}; the sweep is skipped when another thread holds it. */
        final ReentrantLock sweeping = new ReentrantLock();
        /** Where the sweep goes on from: a weakly consistent iterator survives the map's changes. */
        Iterator<Map.Entry<GrantDigest, PendingGrant>> cursor;

        Grants(long maximumSize) {
            this.maximumSize = maximumSize;
        }

        void save(GrantDigest digest, PendingGrant grant, Clock clock) {
            if (map.put(digest, grant) == null && size.incrementAndGet() > maximumSize) {
                makeRoom(clock.instant());
            }
            if ((saves.incrementAndGet() & (SWEEP_EVERY - 1)) == 0 && sweeping.tryLock()) {
                try {
                    sweep(clock.instant(), SWEEP_LENGTH);
                } finally {
                    sweeping.unlock();
                }
            }
        }

        PendingGrant remove(GrantDigest digest) {
            PendingGrant grant = map.remove(digest);
            if (grant != null) {
                size.decrementAndGet();
            }
            return grant;
        }

        /** Over the bound: removes expired grants the sweep meets next, or else the next grant. */
        private void makeRoom(Instant now) {
            sweeping.lock();
            try {
                while (size.get() > maximumSize) {
                    if (sweep(now, SWEEP_LENGTH) == 0) {
                        Map.Entry<GrantDigest, PendingGrant> next = next();
                        if (next == null) {
                            return; // emptied meanwhile: the count catches up with the removals
                        }
                        if (map.remove(next.getKey(), next.getValue())) {
                            size.decrementAndGet();
                        }
                    }
                }
            } finally {
                sweeping.unlock();
            }
        }

        /** Looks at up to {@code length} grants from the cursor on, removing the expired; holds {@link #sweeping}. */
        private int sweep(Instant now, int length) {
            int removed = 0;
            for (int i = 0; i < length; i++) {
                Map.Entry<GrantDigest, PendingGrant> next = next();
                if (next == null) {
                    break;
                }
                if (next.getValue().isExpiredAt(now) && map.remove(next.getKey(), next.getValue())) {
                    size.decrementAndGet();
                    removed++;
                }
            }
            return removed;
        }

        /** The cursor's next grant, starting over at the end of the map; null when the map is empty. */
        private Map.Entry<GrantDigest, PendingGrant> next() {
            if (cursor == null || !cursor.hasNext()) {
                cursor = map.entrySet().iterator();
                if (!cursor.hasNext()) {
                    return null;
                }
            }
            return cursor.next();
        }

        int purge(Instant now, int limit) {
            int removed = 0;
            Iterator<Map.Entry<GrantDigest, PendingGrant>> it = map.entrySet().iterator();
            while (removed < limit && it.hasNext()) {
                Map.Entry<GrantDigest, PendingGrant> e = it.next();
                if (e.getValue().isExpiredAt(now) && map.remove(e.getKey(), e.getValue())) {
                    size.decrementAndGet();
                    removed++;
                }
            }
            return removed;
        }

        void removeIf(java.util.function.Predicate<PendingGrant> which) {
            for (Map.Entry<GrantDigest, PendingGrant> e : map.entrySet()) {
                if (which.test(e.getValue()) && map.remove(e.getKey(), e.getValue())) {
                    size.decrementAndGet();
                }
            }
        }
    }
}
