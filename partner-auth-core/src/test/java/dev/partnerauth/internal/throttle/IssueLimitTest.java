package dev.partnerauth.internal.throttle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IssueLimitTest {
    private static final PartnerId NORTHWIND = new PartnerId("prt_northwind0000000");
    private static final PartnerId CONTOSO = new PartnerId("prt_contoso000000000");
    private final MutableClock clock = new MutableClock();

    @Test
    void acquireWhenManyThreadsAtOnceThenExactlyTheBoundIsAccepted() throws InterruptedException {
        IssueLimit limit = new IssueLimit(5_000, Duration.ofSeconds(60), 100, clock, clock.ticker());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1_000; i++) {
                    try {
                        limit.acquire(NORTHWIND);
                        accepted.incrementAndGet();
                    } catch (TooManyRequestsException e) {
                        refused.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(5_000, accepted.get());
        assertEquals(3_000, refused.get());
        assertDoesNotThrow(() -> limit.acquire(CONTOSO)); // another partner's count is its own
    }

    @Test
    void acquireWhenTokensOfTheLastLifetimeMayBeOutstandingThenRefusedUntilTwoLifetimesPassed() {
        IssueLimit limit = new IssueLimit(2, Duration.ofSeconds(60), 100, clock, clock.ticker());
        limit.acquire(NORTHWIND);
        limit.acquire(NORTHWIND);
        assertThrows(TooManyRequestsException.class, () -> limit.acquire(NORTHWIND));

        clock.advance(Duration.ofSeconds(60));
        assertThrows(TooManyRequestsException.class, () -> limit.acquire(NORTHWIND));

        clock.advance(Duration.ofSeconds(60));
        assertDoesNotThrow(() -> limit.acquire(NORTHWIND));
    }
}
