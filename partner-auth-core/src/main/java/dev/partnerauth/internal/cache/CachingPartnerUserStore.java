package dev.partnerauth.internal.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.PartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the partner users this node has read or written, for at most {@code maxAge}, in front of
 * another store (a database), keyed by partner and user together. A PRM sends the same details with
 * every sign-in; when they equal the cached copy and its recorded sign-in is recent enough, {@link
 * #upsert} answers from memory, which is what the store would do after reading the row.
 *
 * <p>Changes made through this store are seen at once on this node: upserts of one user are
 * serialised here, and enabling, disabling, deactivating, activating or signing out a user drops every cached copy ({@link ReadCache}). A
 * change made elsewhere (another node, or by hand) is seen once the cached copy is older than
 * {@code maxAge}: until then a user disabled on another node can still sign in here, and details
 * changed by another node's sign-in are not written back by this node's next sign-in with the
 * older details. Use it on a single node, or where that delay is acceptable; {@code
 * PartnerAuth.Builder.cacheStoreReads} sets it up.
 */
public final class CachingPartnerUserStore implements PartnerUserStore {
    private static final long MAXIMUM_SIZE = 100_000;

    private final PartnerUserStore delegate;
    private final ReadCache<Identity, PartnerUser> cache;
    /** Writes a due sign-in time without the delegate's read first, or null: see {@link #upsert}. */
    private final SignInWrite signIns;

    public CachingPartnerUserStore(PartnerUserStore delegate, Duration maxAge, Ticker ticker) {
        this(delegate, maxAge, ticker, null);
    }

    /**
     * @param signIns writes the sign-in time of a user whose row is cached, in the same table as
     *                {@code delegate}'s; null to leave every write to {@code delegate}
     */
    public CachingPartnerUserStore(PartnerUserStore delegate, Duration maxAge, Ticker ticker, SignInWrite signIns) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = new ReadCache<>(maxAge, ticker, MAXIMUM_SIZE);
        this.signIns = signIns;
    }

    /**
     * Answers from the copy when it is current for these details. When only the recorded sign-in
     * is due (same details, older than {@link PartnerUserStore#SIGN_IN_RESOLUTION}) and a {@link
     * SignInWrite} was given, writes just the sign-in time, without the delegate's read of the row
     * this node holds already; the answer is then the copy signed in, as old as the copy (its age
     * is kept, so it is not answered for longer than the read it came from). Otherwise the
     * delegate's upsert, serialised per user.
     */
    @Override
    public PartnerUser upsert(PartnerId partner, UserInformation information, Instant now) {
        Objects.requireNonNull(information, "information");
        Identity identity = new Identity(partner, information.userId());
        PartnerUser cached = cache.current(identity);
        if (cached != null && cached.isCurrentFor(information, now)) {
            return cached;
        }
        if (cached != null && signIns != null && cached.information().equals(information)
                && signIns.recordSignIn(partner, information.userId(), now)) {
            cache.patch(identity, copy -> copy.information().equals(information) && copy.lastSignInAt().isBefore(now)
                    ? copy.signedInWith(information, now) : copy);
            return cached.signedInWith(information, now);
        }
        return cache.update(identity, current -> current != null && current.isCurrentFor(information, now)
                ? current : delegate.upsert(partner, information, now));
    }

    @Override
    public Optional<PartnerUser> find(PartnerId partner, String userId) {
        return Optional.ofNullable(cache.get(new Identity(partner, userId),
                id -> delegate.find(id.partner(), id.userId()).orElse(null)));
    }

    /** True when {@link #find} answers the partner's user without the store. */
    boolean holds(PartnerId partner, String userId) {
        return cache.holds(new Identity(partner, userId));
    }

    /** Taken before a read made elsewhere whose result {@link #prime} hands in. */
    ReadCache.ReadStart readBegins() {
        return cache.readBegins();
    }

    /** Keeps the user a read made elsewhere found after {@code before}; absent ({@code null}) is not kept. */
    void prime(PartnerUser read, ReadCache.ReadStart before) {
        if (read != null) {
            cache.prime(new Identity(read.partnerId(), read.userId()), read, before);
        }
    }

    @Override
    public boolean setEnabled(PartnerId partner, String userId, boolean enabled) {
        try {
            return delegate.setEnabled(partner, userId, enabled);
        } finally {
            cache.changed();
        }
    }

    @Override
    public boolean signOut(PartnerId partner, String userId) {
        try {
            return delegate.signOut(partner, userId);
        } finally {
            cache.changed();
        }
    }

    @Override
    public boolean setActive(PartnerId partner, String userId, boolean active) {
        try {
            return delegate.setActive(partner, userId, active);
        } finally {
            cache.changed();
        }
    }

    /** Read from the store each time: the administration page must show what is stored. */
    @Override
    public List<PartnerUser> list(PartnerId partner, int limit) {
        return delegate.list(partner, limit);
    }

    /** A user is cached under its partner too: two partners may both have a user "u-1". */
    private record Identity(PartnerId partner, String userId) {
    }
}
