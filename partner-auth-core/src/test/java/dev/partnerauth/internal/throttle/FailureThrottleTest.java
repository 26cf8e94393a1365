package dev.partnerauth.internal.throttle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void checkWhenScopedCountUsedUpThenNetworkAndOtherScopesUnaffected() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure(ip("203.0.113.7"), "KEYID0000001");
        }

        assertThrows(TooManyRequestsException.class, () -> throttle.checkAllowed(ip("203.0.113.7"), "KEYID0000001"));
        assertDoesNotThrow(() -> throttle.checkAllowed(ip("203.0.113.7"), "KEYID0000002"));
        assertDoesNotThrow(() -> throttle.checkAllowed(ip("203.0.113.7")));
    }

    @Test
    void checkWhenNetworkCountUsedUpThenScopedRequestsStillJudgedByTheirOwnCount() {
        fail("203.0.113.7", 10);

        assertDoesNotThrow(() -> throttle.checkAllowed(ip("203.0.113.7"), "KEYID0000001"));
    }

    @Test
    void recordWhenManyMoreNetworksThanTheBoundThenCountersStayBounded() {
        FailureThrottle small = new FailureThrottle(3, Duration.ofMinutes(1), 100, clock, clock.ticker());
        for (int i = 0; i < 5000; i++) {
            small.recordFailure(ip("2001:db8:" + Integer.toHexString(i) + "::1"));
            small.recordFailure(ip("198.51.100.1"), "KEY" + i);
        }

        assertTrue(small.trackedCounters() <= 100, "kept " + small.trackedCounters());
    }
}
