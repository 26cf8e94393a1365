package dev.partnerauth.user;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.cache.ReadCache;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the partner users this node has read or written, for at most {@code maxAge}, in front of
 * another store (a database). A PRM sends the same details with every sign-in; when they equal the
 * cached copy, {@link #upsert} answers from memory, which is what the store would do after reading
 * the row ("nothing is written when the details are the same").
 *
 * <p>Changes made through this store are seen at once on this node: upserts of one user are
 * serialised here, and enabling or disabling a user drops every cached copy ({@link ReadCache}). A
 * change made elsewhere (another node, or by hand) is seen once the cached copy is older than
 * {@code maxAge}: until then a user disabled on another node can still sign in here, and details
 * changed by another node's sign-in are not written back by this node's next sign-in with the
 * older details. Use it on a single node, or where that delay is acceptable; {@code
 * PartnerAuth.Builder.cacheStoreReads} sets it up.
 */
public final class CachingPartnerUserStore implements PartnerUserStore {
    private static final long MAXIMUM_SIZE = 100_000;

    private final PartnerUserStore delegate;
    private final ReadCache<String, PartnerUser> cache;

    public CachingPartnerUserStore(PartnerUserStore delegate, Duration maxAge, Ticker ticker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = new ReadCache<>(maxAge, ticker, MAXIMUM_SIZE);
    }

    @Override
    public PartnerUser upsert(UserInformation information, Instant now) {
        Objects.requireNonNull(information, "information");
        PartnerUser cached = cache.current(information.userId());
        if (cached != null && cached.information().equals(information)) {
            return cached;
        }
        return cache.update(information.userId(), current -> current != null && current.information().equals(information)
                ? current : delegate.upsert(information, now));
    }

    @Override
    public Optional<PartnerUser> find(String userId) {
        return Optional.ofNullable(cache.get(userId, id -> delegate.find(id).orElse(null)));
    }

    @Override
    public boolean setEnabled(String userId, boolean enabled) {
        try {
            return delegate.setEnabled(userId, enabled);
        } finally {
            cache.changed();
        }
    }
}
