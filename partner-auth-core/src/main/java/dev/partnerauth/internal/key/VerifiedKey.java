package dev.partnerauth.internal.key;

import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.KeyId;
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
