package dev.partnerauth.internal.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.TooManyRequestsException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Limits refusals per client network: after {@code maxFailures} refusals within one window, every
 * request from that network is answered 429 until the window ends, even one with good credentials,
 * so that guessing cannot continue in the background of a real partner's traffic.
 *
 * <p>A network is an IPv4 address or an IPv6 /64: whoever holds one IPv6 address usually holds
 * its whole /64, and counting single IPv6 addresses would give them 2^64 fresh counters. A count
 * may also be scoped (to a key id): a scoped count is separate from the network's own, so that
 * refusals an attacker causes without knowing the scope do not throttle requests that carry it.
 */
public final class FailureThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<Subject, Window> windows;

    /**
     * @param maxTrackedClients bound on the counters remembered (networks and scoped counts
     *                          together); the least useful are dropped first
     */
    public FailureThrottle(int maxFailures, Duration window, long maxTrackedClients, Clock clock, Ticker ticker) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be positive");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (maxTrackedClients < 1) {
            throw new IllegalArgumentException("maxTrackedClients must be positive");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windows = Caffeine.newBuilder()
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .maximumSize(maxTrackedClients)
                .expireAfterWrite(window)
                .executor(Runnable::run)
                .build();
    }

    /** @throws TooManyRequestsException when this client's network has used up its refusals for the window */
    public void checkAllowed(InetAddress client) {
        check(Subject.of(client, null));
    }

    /**
     * Judges by the count of this network and scope only, not by the network's own count.
     *
     * @throws TooManyRequestsException when that count is used up for the window
     */
    public void checkAllowed(InetAddress client, String scope) {
        check(Subject.of(client, Objects.requireNonNull(scope, "scope")));
    }

    /** Counts one refusal against this client's network. */
    public void recordFailure(InetAddress client) {
        record(Subject.of(client, null));
    }

    /** Counts one refusal against this client's network and scope (not against the network's own count). */
    public void recordFailure(InetAddress client, String scope) {
        record(Subject.of(client, Objects.requireNonNull(scope, "scope")));
    }

    /** How many counters are kept, after pending evictions: for the memory-bound test. */
    long trackedCounters() {
        windows.cleanUp();
        return windows.estimatedSize();
    }

    private void check(Subject subject) {
        Window w = windows.getIfPresent(subject);
        if (w == null) {
            return;
        }
        Instant now = clock.instant();
        if (w.count >= maxFailures && now.isBefore(w.start.plus(window))) {
            throw new TooManyRequestsException(Duration.between(now, w.start.plus(window)));
        }
    }

    private void record(Subject subject) {
        Instant now = clock.instant();
        windows.asMap().compute(subject, (s, w) ->
                w == null || !now.isBefore(w.start.plus(window)) ? new Window(now, 1) : new Window(w.start, w.count + 1));
    }

    /** A network (IPv4 address, or the first 64 bits of an IPv6 address) and an optional scope. */
    record Subject(boolean ipv6, long network, String scope) {
        static Subject of(InetAddress client, String scope) {
            byte[] b = Objects.requireNonNull(client, "client").getAddress();
            long network = 0;
            int bytes = client instanceof Inet4Address ? 4 : 8;
            for (int i = 0; i < bytes; i++) {
                network = (network << 8) | (b[i] & 0xff);
            }
            return new Subject(bytes == 8, network, scope);
        }
    }

    private record Window(Instant start, int count) {
    }
}
