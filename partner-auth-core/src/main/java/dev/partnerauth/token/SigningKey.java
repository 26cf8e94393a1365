package dev.partnerauth.token;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;

/**
 * An HMAC-SHA-256 key that signs access tokens, named by {@code kid}. At least 256 bits: shorter
 * secrets are refused, as HS256 requires. {@code toString} never prints the secret.
 */
public final class SigningKey {
    public static final int SECRET_BYTES = 32;
    private final String kid;
    private final byte[] secret;
    private final Instant createdAt;

    public SigningKey(String kid, byte[] secret, Instant createdAt) {
        this.kid = Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(secret, "secret");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        if (secret.length < SECRET_BYTES) {
            throw new IllegalArgumentException("a signing key needs at least " + SECRET_BYTES + " bytes of secret");
        }
        if (!kid.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("a kid is 1 to 64 URL-safe characters");
        }
        this.secret = secret.clone();
    }

    public static SigningKey generate(SecureRandom random, Instant now) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        byte[] id = new byte[9];
        random.nextBytes(id);
        return new SigningKey(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id), secret, now);
    }

    public String kid() {
        return kid;
    }

    public byte[] secret() {
        return secret.clone();
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", createdAt=" + createdAt + ", secret=<redacted>]";
    }
}
