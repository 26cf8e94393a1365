package dev.partnerauth.key;

import java.util.Objects;

/**
 * The public part of an authentication key: safe to show, log and put in URLs. Serializable because
 * a signed-in {@code PartnerPrincipal} carries it into the host's (persisted or replicated) session;
 * deserialization runs the canonical constructor, so its checks hold.
 */
public record KeyId(String value) implements java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;
    public static final int LENGTH = 12;

    public KeyId {
        Objects.requireNonNull(value, "value");
        if (value.length() != LENGTH || !Base62.isBase62(value)) {
            throw new IllegalArgumentException("a key id is " + LENGTH + " letters and digits");
        }
    }

    /** Parses an id from outside (an admin URL); empty when it cannot be one. */
    public static java.util.Optional<KeyId> parse(String value) {
        if (value == null || value.length() != LENGTH || !Base62.isBase62(value)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new KeyId(value));
    }

    @Override
    public String toString() {
        return value;
    }
}
