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
 * Counts refusals per client network in fixed windows. It serves two rules:
 *
 * <ul>
 *   <li>{@link #refusal}: for credentials too strong to guess (keys with 128-bit secrets, signed
 *       tokens, 256-bit launch codes). The credential is always checked; a valid one is accepted
 *       whatever its network's count, and only a request that is refused anyway is answered 429
 *       (and still counted) once its network has used up its refusals. Junk from a shared NAT, a
 *       shared IPv6 /64 or a web page someone there opened therefore never locks that network's
 *       real users out; it only turns the junk's own answers into 429s.
 *   <li>{@link #checkAllowed} before the check, {@link #recordFailure} after a refusal: for
 *       guessable secrets (an administrator's password), where a throttled network must not even
 *       have the right answer told apart.
 * </ul>
 *
 * <p>A network is an IPv4 address or an IPv6 /64: whoever holds one IPv6 address usually holds
 * its whole /64, and counting single IPv6 addresses would give them 2^64 fresh counters.
 */
public final class FailureThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<Network, Window> windows;

    /**
     * @param maxTrackedClients bound on the networks remembered; the least useful are dropped first
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
        Network subject = Network.of(client);
        Window w = windows.getIfPresent(subject);
        if (w != null) {
            TooManyRequestsException over = over(w, clock.instant());
            if (over != null) {
                throw over;
            }
        }
    }

    /** Counts one refusal against this client's network. */
    public void recordFailure(InetAddress client) {
        Instant now = clock.instant();
        windows.asMap().compute(Network.of(client), (s, w) -> next(w, now));
    }

    /**
     * Counts one refusal of a request whose credential has already been checked and found wanting,
     * and says what to answer: 429 when this network had used up its refusals for the window before
     * this one, otherwise {@code refusal} itself. Never call it for a request that would be
     * accepted: that request is accepted whatever the count.
     */
    public RuntimeException refusal(InetAddress client, RuntimeException refusal) {
        Objects.requireNonNull(refusal, "refusal");
        Instant now = clock.instant();
        TooManyRequestsException[] over = new TooManyRequestsException[1];
        windows.asMap().compute(Network.of(client), (s, w) -> {
            over[0] = w == null ? null : over(w, now);
            return next(w, now);
        });
        return over[0] != null ? over[0] : refusal;
    }

    private TooManyRequestsException over(Window w, Instant now) {
        Instant end = w.start.plus(window);
        return w.count >= maxFailures && now.isBefore(end) ? new TooManyRequestsException(Duration.between(now, end)) : null;
    }

    private Window next(Window w, Instant now) {
        return w == null || !now.isBefore(w.start.plus(window)) ? new Window(now, 1) : new Window(w.start, w.count + 1);
    }

    /** How many counters are kept, after pending evictions: for the memory-bound test. */
    long trackedCounters() {
        windows.cleanUp();
        return windows.estimatedSize();
    }

    /** A client network, as the throttles count it: an IPv4 address, or the first 64 bits of an IPv6 address. */
    public record Network(boolean ipv6, long network) {
        public static Network of(InetAddress client) {
            byte[] b = Objects.requireNonNull(client, "client").getAddress();
            long network = 0;
            int bytes = client instanceof Inet4Address ? 4 : 8;
            for (int i = 0; i < bytes; i++) {
                network = (network << 8) | (b[i] & 0xff);
            }
            return new Network(bytes == 8, network);
        }
    }

    private record Window(Instant start, int count) {
    }
}
