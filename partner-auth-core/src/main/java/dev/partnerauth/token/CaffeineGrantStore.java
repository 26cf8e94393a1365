package dev.partnerauth.token;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.key.KeyId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Outstanding grants in memory, bounded in number: the single-node default. A saved grant is
 * copied into arrays of primitives (its digest, expiry and session generation) beside references
 * its key and user already keep alive, so an outstanding grant is no object of its own and a
 * young collection has nothing of it to copy; a {@link PendingGrant} is built again only when it
 * is consumed. Redeeming is one find-and-remove under the lock of the digest's segment, so of any
 * number of concurrent redeems of one digest exactly one gets the grant. An expired grant is never
 * returned; it leaves the heap when {@link #consume} or {@link #purgeExpired} meets it, or the
 * store's own sweep (every 64 saves the store looks at the next 128 grants along the table, so
 * grants leave by themselves within about half a lifetime of their expiry even if nobody purges).
 * When {@code maximumSize} grants of a kind are held, each
 * save first removes one (expired if the sweep finds one close by, else any other), so the heap
 * stays bounded, and a redeem of a grant removed that way is refused like an unknown one.
 *
 * <p>For the grants to stay out of the young generation their references must be old already:
 * {@code PartnerAuth} mints a token with the key store's {@code KeyId} and {@code PartnerId} and the
 * user store's own user id string, not the request's copy. The table starts at about 40 KB for
 * both kinds and doubles segment by segment as grants accumulate: 72 bytes a slot, three eighths
 * to three quarters of the slots in use, so 96 to 192 bytes per outstanding grant ({@code
 * GrantStoreFootprint}: 151 at 1 000 000, 108 at 700 000). A segment left at most an eighth full
 * by the sweep, {@link #purgeExpired} or {@link #revokeKey} is halved, so the heap a flood of
 * tokens took is given back once they expire.
 *
 * <p>The name is historical: this store was a Caffeine cache, whose per-entry bookkeeping (the
 * access order and the expiry timer, both linked lists through every entry) cost more on each save
 * and in each garbage collection than a map whose entries carry their own expiry, and then a
 * {@code ConcurrentHashMap}, whose four objects per grant every G1 young pause copied until they
 * were promoted (docs/benchmarks.md, "The in-memory tail, traced"). Thread-safe.
 */
public final class CaffeineGrantStore implements OneTimeGrantStore {
    /** The default bound, per kind: access tokens and launch codes are bounded separately. */
    public static final long DEFAULT_MAXIMUM_SIZE = 1_000_000;

    /** Saves between two sweeps, a power of two. */
    static final int SWEEP_EVERY = 64;
    /** Grants looked at per sweep: twice {@link #SWEEP_EVERY}, so the sweep outpaces the saves. */
    static final int SWEEP_LENGTH = 2 * SWEEP_EVERY;

    private final Clock clock;
    private final GrantTable tokens;
    private final GrantTable launchCodes;

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
        this.tokens = new GrantTable(maximumSize);
        this.launchCodes = new GrantTable(maximumSize);
    }

    @Override
    public void save(GrantKind kind, GrantDigest digest, PendingGrant grant) {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(grant, "grant");
        grants(kind).save(digest, grant, clock);
    }

    @Override
    public Optional<PendingGrant> consume(GrantKind kind, GrantDigest digest, Instant now) {
        Objects.requireNonNull(now, "now");
        return Optional.ofNullable(grants(kind).consume(Objects.requireNonNull(digest, "digest"), now));
    }

    @Override
    public boolean isOutstanding(GrantKind kind, GrantDigest digest, Instant now) {
        Objects.requireNonNull(now, "now");
        return grants(kind).isOutstanding(Objects.requireNonNull(digest, "digest"), now);
    }

    @Override
    public void revokeKey(KeyId keyId) {
        Objects.requireNonNull(keyId, "keyId");
        tokens.revokeKey(keyId);
        launchCodes.revokeKey(keyId);
    }

    @Override
    public void revokeAll() {
        tokens.clear();
        launchCodes.clear();
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        int removed = tokens.purge(now, limit);
        return removed + launchCodes.purge(now, limit - removed);
    }

    /** Grants held of both kinds, expired ones not yet swept included. */
    public long estimatedSize() {
        return tokens.size() + launchCodes.size();
    }

    /** Slots of both kinds' tables: for tests of growth and shrinking. */
    long slots() {
        return tokens.slots() + launchCodes.slots();
    }

    private GrantTable grants(GrantKind kind) {
        return kind == GrantKind.ACCESS_TOKEN ? tokens : launchCodes;
    }
}
