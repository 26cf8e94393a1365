package dev.partnerauth.key;

import java.util.Objects;

/** A key that matched its stored hash, is not expired and was presented from an allowed address. */
public record VerifiedKey(AuthenticationKey metadata) {
    public VerifiedKey {
        Objects.requireNonNull(metadata, "metadata");
    }

    public KeyId id() {
        return metadata.id();
    }
}
