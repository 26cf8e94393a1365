package dev.partnerauth.internal.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.key.PartnerId;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounds the access tokens one partner has outstanding on this node, so that one partner's key
 * cannot fill the grant store (and, in the bounded Caffeine store, evict other partners' tokens).
 *
 * <p>Counted in fixed windows one token lifetime long: every token still outstanding was minted in
 * the current window or the one before, so refusing once those two counts reach the bound keeps
 * the outstanding tokens at or under it, whatever the timing. The price is that a partner at the
 * bound may be refused for up to one lifetime more than an exact count would refuse it.
 */
public final class IssueLimit {
    private final int maxOutstanding;
    private final long windowMillis;
    private final Clock clock;
    private final Cache<PartnerId, AtomicReference<Counts>> counts;

    /**
     * @param maxOutstanding the most tokens one partner may have outstanding
     * @param lifetime       how long a token lives
     * @param maxPartners    bound on the partners remembered (a partner exists while it has a key)
     */
    public IssueLimit(int maxOutstanding, Duration lifetime, long maxPartners, Clock clock, Ticker ticker) {
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be positive");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
        this.maxOutstanding = maxOutstanding;
        this.windowMillis = lifetime.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counts = Caffeine.newBuilder()
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .maximumSize(maxPartners)
                // a partner quiet for two windows has no token outstanding: its counts can go
                .expireAfterAccess(lifetime.multipliedBy(2))
                .executor(Runnable::run)
                .build();
    }

    /**
     * Takes one slot for a token about to be minted for this partner.
     *
     * @throws TooManyRequestsException when the partner has as many outstanding as it may
     */
    public void acquire(PartnerId partner) {
        long now = clock.millis();
        long window = Math.floorDiv(now, windowMillis);
        // a hit is a lock-free read and the count a compare-and-set: a compute() on the cache held
        // the partner's map bin locked, and every sign-in of that partner queued behind a holder
        // that the scheduler or a collection had stopped (docs/benchmarks.md)
        AtomicReference<Counts> slot = counts.get(Objects.requireNonNull(partner, "partner"),
                p -> new AtomicReference<>(new Counts(window, 0, 0)));
        while (true) {
            Counts seen = slot.get();
            Counts current = seen.at(window);
            if (current.current + current.previous >= maxOutstanding) {
                throw new TooManyRequestsException(Duration.ofMillis((window + 1) * windowMillis - now));
            }
            if (slot.compareAndSet(seen, new Counts(window, current.current + 1, current.previous))) {
                return;
            }
        }
    }

    /** Tokens minted in window {@code window} and in the one before it. */
    private record Counts(long window, int current, int previous) {
        Counts at(long now) {
            if (now == window) {
                return this;
            }
            return new Counts(now, 0, now == window + 1 ? current : 0);
        }
    }
}
