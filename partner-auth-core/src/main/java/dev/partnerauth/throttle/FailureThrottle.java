package dev.partnerauth.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.TooManyRequestsException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Limits refusals per client address: after {@code maxFailures} refusals within one window, every
 * request from that address is answered 429 until the window ends, even one with good
 * credentials, so that guessing cannot continue in the background of a real partner's traffic.
 */
public final class FailureThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<InetAddress, Window> windows;

    /**
     * @param maxTrackedClients bound on the addresses remembered; the least useful are dropped first
     */
    public FailureThrottle(int maxFailures, Duration window, long maxTrackedClients, Clock clock, Ticker ticker) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be positive");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windows = Caffeine.newBuilder()
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .maximumSize(maxTrackedClients)
                .expireAfterWrite(window)
                .build();
    }

    /** @throws TooManyRequestsException when this address has used up its refusals for the window */
    public void checkAllowed(InetAddress client) {
        Window w = windows.getIfPresent(client);
        if (w == null) {
            return;
        }
        Instant now = clock.instant();
        if (w.count >= maxFailures && now.isBefore(w.start.plus(window))) {
            throw new TooManyRequestsException(Duration.between(now, w.start.plus(window)));
        }
    }

    /** Counts one refusal against this address. */
    public void recordFailure(InetAddress client) {
        Instant now = clock.instant();
        windows.asMap().compute(client, (ip, w) ->
                w == null || !now.isBefore(w.start.plus(window)) ? new Window(now, 1) : new Window(w.start, w.count + 1));
    }

    private record Window(Instant start, int count) {
    }
}
