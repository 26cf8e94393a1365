package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.internal.throttle.FailureThrottle;
import dev.partnerauth.testing.MutableClock;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAdminAuthorizerTest {
    private static final String PASSWORD = "correct-horse-battery";
    private final MutableClock clock = new MutableClock();
    private final BasicAdminAuthorizer authorizer = new BasicAdminAuthorizer("admin", PASSWORD,
            new FailureThrottle(10, Duration.ofMinutes(1), 1000, clock, clock.ticker()), 100, Duration.ofHours(1),
            clock, clock.ticker());

    private static HttpServletRequest request(String remoteAddr, String authorization) {
        return (HttpServletRequest) Proxy.newProxyInstance(BasicAdminAuthorizerTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remoteAddr;
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void toStringWhenPrintedThenPasswordRedacted() {
        String printed = new BasicAdminAuthorizer("admin", PASSWORD).toString();

        assertTrue(printed.contains("admin"), printed);
        assertFalse(printed.contains(PASSWORD), printed);
        assertFalse(printed.contains(Base64.getEncoder()
                .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8))), printed);
    }

    @Test
    void authorizeWhenRightPasswordThenAllowedAsThatAdmin() {
        AdminAuthorizer.Decision d = authorizer.authorize(request("203.0.113.7", basic("admin:" + PASSWORD)));

        assertEquals(new AdminAuthorizer.Allowed("admin"), d);
    }

    @Test
    void authorizeWhenTenWrongPasswordsFromOneNetworkThenThrottledEvenWithTheRightOne() {
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(AdminAuthorizer.Unauthenticated.class,
                    authorizer.authorize(request("203.0.113.7", basic("admin:guess-number-" + i))));
        }
        clock.advance(Duration.ofSeconds(20));

        AdminAuthorizer.Decision d = authorizer.authorize(request("203.0.113.7", basic("admin:" + PASSWORD)));

        assertEquals(new AdminAuthorizer.Throttled(Duration.ofSeconds(40)), d);
    }

    @Test
    void authorizeWhenOneNetworkThrottledThenAdminElsewhereStillSignsIn() {
        for (int i = 0; i < 10; i++) {
            authorizer.authorize(request("2001:db8:1:2::" + (i + 1), basic("admin:guess-number-" + i)));
        }

        assertInstanceOf(AdminAuthorizer.Throttled.class,
                authorizer.authorize(request("2001:db8:1:2::ffff", basic("admin:" + PASSWORD))));
        assertEquals(new AdminAuthorizer.Allowed("admin"), authorizer.authorize(request("2001:db8:1:3::1", basic("admin:" + PASSWORD))));
        assertEquals(new AdminAuthorizer.Allowed("admin"), authorizer.authorize(request("198.51.100.1", basic("admin:" + PASSWORD))));
    }

    @Test
    void authorizeWhenWindowPassedThenRightPasswordAcceptedAgain() {
        for (int i = 0; i < 10; i++) {
            authorizer.authorize(request("203.0.113.7", basic("admin:wrong")));
        }
        clock.advance(Duration.ofSeconds(60));

        assertEquals(new AdminAuthorizer.Allowed("admin"), authorizer.authorize(request("203.0.113.7", basic("admin:" + PASSWORD))));
    }

    @Test
    void authorizeWhenNoCredentialsThenChallengeAndNotCounted() {
        for (int i = 0; i < 50; i++) {
            assertInstanceOf(AdminAuthorizer.Unauthenticated.class, authorizer.authorize(request("203.0.113.7", null)));
        }

        assertEquals(new AdminAuthorizer.Allowed("admin"), authorizer.authorize(request("203.0.113.7", basic("admin:" + PASSWORD))));
    }

    @Test
    void authorizeWhenUndecodableCredentialsThenCountedAsWrong() {
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(AdminAuthorizer.Unauthenticated.class, authorizer.authorize(request("203.0.113.7", "Basic %%%")));
        }

        assertInstanceOf(AdminAuthorizer.Throttled.class, authorizer.authorize(request("203.0.113.7", basic("admin:" + PASSWORD))));
    }

    @Test
    void constructWhenPasswordShorterThanTwelveCharactersThenRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BasicAdminAuthorizer("admin", "eleven-char"));

        assertTrue(e.getMessage().contains("at least 12 characters"), e.getMessage());
        assertFalse(e.getMessage().contains("eleven-char"), "the password is never in a message");
        assertEquals("BasicAdminAuthorizer[user=admin, password=<redacted>]",
                new BasicAdminAuthorizer("admin", "twelve-chars").toString());
    }

    /** One wrong guess from each of {@code networks} fresh IPv6 /64s: a botnet under every per-network limit. */
    private int botnetGuesses(int networks, int firstNetwork) {
        int checked = 0;
        for (int i = 0; i < networks; i++) {
            AdminAuthorizer.Decision d = authorizer.authorize(request("2001:db8:" + Integer.toHexString(firstNetwork + i) + "::1",
                    basic("admin:guess-" + i)));
            checked += d instanceof AdminAuthorizer.Unauthenticated ? 1 : 0;
        }
        return checked;
    }

    @Test
    void authorizeWhenBotnetOfFreshNetworksGuessesThenNoMoreThanTheAccountCeilingChecked() {
        int checked = botnetGuesses(1000, 0x1000);

        assertEquals(100, checked, "guesses past the ceiling are answered 429 unchecked");
        assertInstanceOf(AdminAuthorizer.Throttled.class,
                authorizer.authorize(request("2001:db8:ffff::1", basic("admin:" + PASSWORD))),
                "not even the right password is told apart on a network new to this node");
    }

    @Test
    void authorizeWhenAccountCeilingReachedThenAdminStillSignsInFromANetworkItUsedBefore() {
        assertEquals(new AdminAuthorizer.Allowed("admin"), authorizer.authorize(request("198.51.100.1", basic("admin:" + PASSWORD))));
        clock.advance(Duration.ofDays(10));

        botnetGuesses(500, 0x1000);

        assertEquals(new AdminAuthorizer.Allowed("admin"), authorizer.authorize(request("198.51.100.1", basic("admin:" + PASSWORD))));
        // a wrong password there is still checked and refused, under that network's own limit
        assertInstanceOf(AdminAuthorizer.Unauthenticated.class, authorizer.authorize(request("198.51.100.1", basic("admin:wrong"))));
    }

    @Test
    void authorizeWhenAccountWindowPassedThenRightPasswordFromAnyNetworkAcceptedAgain() {
        botnetGuesses(100, 0x1000);
        assertInstanceOf(AdminAuthorizer.Throttled.class, authorizer.authorize(request("203.0.113.9", basic("admin:" + PASSWORD))));

        clock.advance(Duration.ofHours(1));

        assertEquals(new AdminAuthorizer.Allowed("admin"), authorizer.authorize(request("203.0.113.9", basic("admin:" + PASSWORD))));
    }

    @Test
    void authorizeWhenKnownNetworkNotSeenForThirtyDaysThenForgotten() {
        authorizer.authorize(request("198.51.100.1", basic("admin:" + PASSWORD)));
        clock.advance(Duration.ofDays(30));

        botnetGuesses(100, 0x1000);

        assertInstanceOf(AdminAuthorizer.Throttled.class, authorizer.authorize(request("198.51.100.1", basic("admin:" + PASSWORD))));
    }
}
