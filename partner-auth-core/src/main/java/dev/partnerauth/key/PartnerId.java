package dev.partnerauth.key;

import java.io.Serial;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * The partner (the PRM integration) that a key belongs to: a tenant, whose users never mix with
 * another partner's. Opaque and stable: {@code prt_} and 12 to 32 letters and digits, so it is safe
 * in a URL path segment and contains no {@code ':'} (the principal's name relies on that). A new
 * partner gets 20 random characters; partners of keys made before partners existed are named after
 * that key's id.
 *
 * <p>Serializable because a signed-in {@code PartnerPrincipal} carries it into the host's session;
 * deserialization runs the canonical constructor, so its checks hold.
 */
public record PartnerId(String value) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final String PREFIX = "prt_";
    private static final int MIN_LENGTH = 12;
    private static final int MAX_LENGTH = 32;
    private static final int NEW_LENGTH = 20;

    public PartnerId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a partner id is " + PREFIX + " and " + MIN_LENGTH + " to "
                    + MAX_LENGTH + " letters and digits");
        }
    }

    /** Parses an id from outside (an admin URL or body); empty when it cannot be one. */
    public static Optional<PartnerId> parse(String value) {
        return value != null && isWellFormed(value) ? Optional.of(new PartnerId(value)) : Optional.empty();
    }

    /** A fresh partner: about 119 random bits, so ids are never guessed nor reused. */
    public static PartnerId random(SecureRandom random) {
        return new PartnerId(PREFIX + Base62.random(random, NEW_LENGTH));
    }

    private static boolean isWellFormed(String value) {
        int rest = value.length() - PREFIX.length();
        return value.startsWith(PREFIX) && rest >= MIN_LENGTH && rest <= MAX_LENGTH
                && Base62.isBase62(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return value;
    }
}
