package dev.partnerauth.servlet;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.internal.allowlist.ClientIpResolver;
import dev.partnerauth.internal.throttle.FailureThrottle;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * HTTP Basic authentication of one administrator, for small deployments and the demo. The
 * password is compared in constant time (both sides are hashed first, so their lengths leak
 * nothing either). Only over TLS in production.
 *
 * <p>Wrong credentials are counted per client network, like refused keys: by default after {@value
 * #DEFAULT_FAILURE_LIMIT} in a minute that network gets 429 with {@code Retry-After} until the
 * minute is over, even with the right password, while the administrator on another network is not
 * affected. A request without credentials (a browser's first) is not counted.
 */
public final class BasicAdminAuthorizer implements AdminAuthorizer {
    /** Wrong credentials per client network per minute before 429. */
    public static final int DEFAULT_FAILURE_LIMIT = 10;
    private static final String CHALLENGE = "Basic realm=\"partner-auth admin\", charset=\"UTF-8\"";
    private static final InetAddress UNSPECIFIED = unspecified();
    private final String user;
    private final byte[] expected;
    private final FailureThrottle failures;

    /** Throttles {@value #DEFAULT_FAILURE_LIMIT} wrong credentials a minute per network, on the system clock. */
    public BasicAdminAuthorizer(String user, String password) {
        this(user, password, DEFAULT_FAILURE_LIMIT, Duration.ofMinutes(1));
    }

    /** Throttles {@code failureLimit} wrong credentials per {@code window} per network, on the system clock. */
    public BasicAdminAuthorizer(String user, String password, int failureLimit, Duration window) {
        this(user, password, new FailureThrottle(failureLimit, window, 100_000, Clock.systemUTC(), Ticker.systemTicker()));
    }

    /**
     * For tests, on their own clock. Package-private: the throttle is internal machinery.
     *
     * @param failures counts wrong credentials per client network; its limit, window and clock apply
     */
    BasicAdminAuthorizer(String user, String password, FailureThrottle failures) {
        this.user = Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (password.length() < 12) {
            throw new IllegalArgumentException("the admin password must be at least 12 characters");
        }
        this.expected = sha256(user + ":" + password);
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    @Override
    public Decision authorize(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Unauthenticated(CHALLENGE);
        }
        InetAddress client = ClientIpResolver.direct().resolve(request.getRemoteAddr(), List.of()).orElse(UNSPECIFIED);
        try {
            // before the password is looked at: while throttled, not even the right one is told apart
            failures.checkAllowed(client);
        } catch (TooManyRequestsException e) {
            return new Throttled(e.retryAfter());
        }
        byte[] presented;
        try {
            presented = sha256(new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            presented = null;
        }
        if (presented != null && MessageDigest.isEqual(presented, expected)) {
            return new Allowed(user);
        }
        failures.recordFailure(client);
        return new Unauthenticated(CHALLENGE);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "BasicAdminAuthorizer[user=" + user + ", password=<redacted>]";
    }
}
