package dev.partnerauth.internal.throttle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.testing.MutableClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final FailureThrottle throttle = new FailureThrottle(3, Duration.ofMinutes(1), 1000, clock, clock.ticker());

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(ip(address));
        }
    }

    @Test
    void checkWhenLimitReachedThenThrottledUntilTheWindowEnds() {
        fail("203.0.113.7", 3);
        clock.advance(Duration.ofSeconds(45));

        TooManyRequestsException e = assertThrows(TooManyRequestsException.class, () -> throttle.checkAllowed(ip("203.0.113.7")));
        assertEquals(Duration.ofSeconds(15), e.retryAfter());

        clock.advance(Duration.ofSeconds(15));
        assertDoesNotThrow(() -> throttle.checkAllowed(ip("203.0.113.7")));
    }

    @Test
    void checkWhenAddressesShareAnIpv6Slash64ThenOneCount() {
        fail("2001:db8:a:b::1", 1);
        fail("2001:db8:a:b:ffff:ffff:ffff:ffff", 1);
        fail("2001:db8:a:b::42", 1);

        assertThrows(TooManyRequestsException.class, () -> throttle.checkAllowed(ip("2001:db8:a:b:1:2:3:4")));
        assertDoesNotThrow(() -> throttle.checkAllowed(ip("2001:db8:a:c::1")));
    }

    @Test
    void checkWhenIpv4MappedIpv6ThenSameCountAsTheIpv4Address() {
        fail("::ffff:203.0.113.7", 3);

        assertThrows(TooManyRequestsException.class, () -> throttle.checkAllowed(ip("203.0.113.7")));
    }

    @Test
    void checkWhenIpv4NeighboursThenSeparateCounts() {
        fail("203.0.113.7", 3);

        assertDoesNotThrow(() -> throttle.checkAllowed(ip("203.0.113.8")));
    }

    @Test
    void refusalWhenUnderTheLimitThenTheRefusalItself() {
        RuntimeException refusal = new IllegalStateException("refused");

        for (int i = 0; i < 3; i++) {
            assertSame(refusal, throttle.refusal(ip("203.0.113.7"), refusal), "refusal " + (i + 1));
        }
    }

    @Test
    void refusalWhenNetworkUsedUpItsRefusalsThen429AndStillCounted() {
        fail("203.0.113.7", 3);
        clock.advance(Duration.ofSeconds(20));

        RuntimeException answer = throttle.refusal(ip("203.0.113.7"), new IllegalStateException("refused"));

        TooManyRequestsException e = assertInstanceOf(TooManyRequestsException.class, answer);
        assertEquals(Duration.ofSeconds(40), e.retryAfter());
        // counted in the same fixed window: the window does not grow with the junk
        clock.advance(Duration.ofSeconds(40));
        assertDoesNotThrow(() -> throttle.checkAllowed(ip("203.0.113.7")));
    }

    @Test
    void refusalWhenAnotherNetworkUsedUpItsRefusalsThenUnaffected() {
        fail("203.0.113.7", 10);
        RuntimeException refusal = new IllegalStateException("refused");

        assertSame(refusal, throttle.refusal(ip("203.0.113.8"), refusal));
    }

    @Test
    void recordWhenManyMoreNetworksThanTheBoundThenCountersStayBounded() {
        FailureThrottle small = new FailureThrottle(3, Duration.ofMinutes(1), 100, clock, clock.ticker());
        for (int i = 0; i < 5000; i++) {
            small.recordFailure(ip("2001:db8:" + Integer.toHexString(i) + "::1"));
            small.refusal(ip("198.51.100." + (i % 250)), new IllegalStateException());
        }

        assertTrue(small.trackedCounters() <= 100, "kept " + small.trackedCounters());
    }
}
