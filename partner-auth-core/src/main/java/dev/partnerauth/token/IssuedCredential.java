package dev.partnerauth.token;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly minted access token or launch code: the value to hand out once, and when it expires.
 * {@code toString} never prints the value.
 */
public final class IssuedCredential {
    private final String value;
    private final Instant expiresAt;

    public IssuedCredential(String value, Instant expiresAt) {
        this.value = Objects.requireNonNull(value, "value");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public String value() {
        return value;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "IssuedCredential[value=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
