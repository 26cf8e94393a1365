package dev.partnerauth.servlet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP Basic authentication of one administrator, for small deployments and the demo. The
 * password is compared in constant time (both sides are hashed first, so their lengths leak
 * nothing either), and one shorter than {@value #MIN_PASSWORD_LENGTH} characters is refused at
 * construction. Only over TLS in production.
 *
 * <p>Wrong credentials are limited twice. Per client network (an IPv4 address, an IPv6 /64): by
 * default after {@value #DEFAULT_FAILURE_LIMIT} in a minute that network gets 429 with {@code
 * Retry-After} until the minute is over, even with the right password, while the administrator on
 * another network is not affected. And for the account, from all networks together: once {@value
 * #DEFAULT_ACCOUNT_FAILURE_LIMIT} wrong credentials arrived within an hour, the password is checked
 * only from networks where this administrator signed in successfully in the last {@value
 * #KNOWN_NETWORK_DAYS} days; every other network gets 429 unchecked until the hour is over. So a
 * botnet of fresh networks gets no more than that many guesses an hour in all, and cannot lock
 * the administrator out of the networks they use: the price is that during such an attack the
 * administrator cannot sign in from a network new to this node (a restart forgets the networks).
 * A request without credentials (a browser's first) is not counted.
 */
public final class BasicAdminAuthorizer implements AdminAuthorizer {
    /** Wrong credentials per client network per minute before 429. */
    public static final int DEFAULT_FAILURE_LIMIT = 10;
    /** Wrong credentials for the account, from all networks together, per hour before only known networks are checked. */
    public static final int DEFAULT_ACCOUNT_FAILURE_LIMIT = 100;
    /**
     * The shortest password accepted: 12 characters. Random ones (the demo's) hold over 70 bits;
     * under the account ceiling of {@value #DEFAULT_ACCOUNT_FAILURE_LIMIT} guesses an hour, a
     * botnet tries under a million passwords a year, far from the space even of a 12-character
     * passphrase.
     */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** How long a network where the administrator signed in stays known. */
    static final int KNOWN_NETWORK_DAYS = 30;
    private static final String CHALLENGE = "Basic realm=\"partner-auth admin\", charset=\"UTF-8\"";
    private static final InetAddress UNSPECIFIED = unspecified();
    private final String user;
    private final byte[] expected;
    private final FailureThrottle failures;
    private final int accountFailureLimit;
    private final Duration accountWindow;
    private final Clock clock;
    private final AtomicReference<AccountWindow> account = new AtomicReference<>();
    private final Cache<FailureThrottle.Network, Boolean> knownNetworks;

    /** Throttles {@value #DEFAULT_FAILURE_LIMIT} wrong credentials a minute per network, on the system clock. */
    public BasicAdminAuthorizer(String user, String password) {
        this(user, password, DEFAULT_FAILURE_LIMIT, Duration.ofMinutes(1));
    }

    /**
     * Throttles {@code failureLimit} wrong credentials per {@code window} per network, and {@value
     * #DEFAULT_ACCOUNT_FAILURE_LIMIT} an hour for the account, on the system clock.
     */
    public BasicAdminAuthorizer(String user, String password, int failureLimit, Duration window) {
        this(user, password, failureLimit, window, DEFAULT_ACCOUNT_FAILURE_LIMIT, Duration.ofHours(1));
    }

    /**
     * Throttles {@code failureLimit} wrong credentials per {@code window} per network, and {@code
     * accountFailureLimit} per {@code accountWindow} from all networks together, on the system clock.
     */
    public BasicAdminAuthorizer(String user, String password, int failureLimit, Duration window,
                                int accountFailureLimit, Duration accountWindow) {
        this(user, password, new FailureThrottle(failureLimit, window, 100_000, Clock.systemUTC(), Ticker.systemTicker()),
                accountFailureLimit, accountWindow, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** For tests of the per-network count, on its clock; the account ceiling is the default, on the system clock. */
    BasicAdminAuthorizer(String user, String password, FailureThrottle failures) {
        this(user, password, failures, DEFAULT_ACCOUNT_FAILURE_LIMIT, Duration.ofHours(1), Clock.systemUTC(),
                Ticker.systemTicker());
    }

    /**
     * For tests, on their own clock. Package-private: the throttle is internal machinery.
     *
     * @param failures counts wrong credentials per client network; its limit, window and clock apply
     */
    BasicAdminAuthorizer(String user, String password, FailureThrottle failures, int accountFailureLimit,
                         Duration accountWindow, Clock clock, Ticker ticker) {
        this.user = Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the admin password must be at least " + MIN_PASSWORD_LENGTH
                    + " characters: a shorter one does not survive guessing");
        }
        if (accountFailureLimit < 1) {
            throw new IllegalArgumentException("accountFailureLimit must be positive");
        }
        if (accountWindow.isNegative() || accountWindow.isZero()) {
            throw new IllegalArgumentException("accountWindow must be positive");
        }
        this.expected = sha256(user + ":" + password);
        this.failures = Objects.requireNonNull(failures, "failures");
        this.accountFailureLimit = accountFailureLimit;
        this.accountWindow = accountWindow;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.knownNetworks = Caffeine.newBuilder()
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .expireAfterWrite(Duration.ofDays(KNOWN_NETWORK_DAYS))
                .maximumSize(1000)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Decision authorize(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Unauthenticated(CHALLENGE);
        }
        InetAddress client = ClientIpResolver.direct().resolve(request.getRemoteAddr(), List.of()).orElse(UNSPECIFIED);
        FailureThrottle.Network network = FailureThrottle.Network.of(client);
        // before the password is looked at: while throttled, not even the right one is told apart
        try {
            failures.checkAllowed(client);
        } catch (TooManyRequestsException e) {
            return new Throttled(e.retryAfter());
        }
        Instant now = clock.instant();
        AccountWindow w = account.get();
        if (w != null && w.isOver(accountFailureLimit, now) && knownNetworks.getIfPresent(network) == null) {
            return new Throttled(Duration.between(now, w.end));
        }
        byte[] presented;
        try {
            presented = sha256(new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            presented = null;
        }
        if (presented != null && MessageDigest.isEqual(presented, expected)) {
            knownNetworks.put(network, Boolean.TRUE);
            return new Allowed(user);
        }
        failures.recordFailure(client);
        account.updateAndGet(a -> a == null || !now.isBefore(a.end)
                ? new AccountWindow(now.plus(accountWindow), 1) : new AccountWindow(a.end, a.count + 1));
        return new Unauthenticated(CHALLENGE);
    }

    /** Wrong credentials for the account, from every network, in the fixed window ending at {@code end}. */
    private record AccountWindow(Instant end, int count) {
        boolean isOver(int limit, Instant now) {
            return count >= limit && now.isBefore(end);
        }
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
