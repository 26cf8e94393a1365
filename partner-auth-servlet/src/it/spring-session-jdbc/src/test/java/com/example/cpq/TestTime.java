package com.example.cpq;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Real time plus an offset the test moves forward: one bean that is both the {@link Clock} and the
 * Caffeine {@link Ticker} the auto-configuration picks up, so that no test sleeps.
 */
final class TestTime extends Clock implements Ticker {
    private final AtomicLong offsetNanos = new AtomicLong();

    void advance(Duration by) {
        offsetNanos.addAndGet(by.toNanos());
    }

    @Override
    public long read() {
        return System.nanoTime() + offsetNanos.get();
    }

    @Override
    public Instant instant() {
        return Instant.now().plusNanos(offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        TestTime testTime() {
            return new TestTime();
        }
    }
}
