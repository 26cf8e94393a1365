package dev.partnerauth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** 429: this client IP has had too many refusals in the current window. */
public final class TooManyRequestsException extends PartnerAuthRejection {
    private static final long serialVersionUID = 1L;
    private static final List<Problem> PROBLEMS = List.of(Problem.of("TOO_MANY_REQUESTS", "Too many requests"));

    private final Duration retryAfter;

    public TooManyRequestsException(Duration retryAfter) {
        super(429, PROBLEMS);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long until the window passes. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The {@code Retry-After} value: the wait rounded up to whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
