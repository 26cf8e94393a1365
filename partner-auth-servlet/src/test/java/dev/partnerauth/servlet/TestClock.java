package dev.partnerauth.servlet;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test says so, and the Caffeine ticker in step with it: one
 * instance is passed to both {@code PartnerAuth.Builder.clock} and {@code .ticker}, so that
 * token expiry, throttle windows and cache eviction all see the same time. Thread-safe.
 */
final class TestClock extends Clock implements Ticker {
    /** A Caffeine ticker may start anywhere; starting away from zero keeps arithmetic clear of it. */
    private static final long TICKER_ORIGIN = 1_000_000_000L;
    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    TestClock(Instant start) {
        this.start = start;
    }

    void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        elapsedNanos.addAndGet(duration.toNanos());
    }

    @Override
    public Instant instant() {
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public long read() {
        return TICKER_ORIGIN + elapsedNanos.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone, UTC");
    }
}
