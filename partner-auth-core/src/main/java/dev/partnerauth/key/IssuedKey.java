package dev.partnerauth.key;

import java.util.Objects;

/**
 * A freshly created key: its metadata and, this one time only, its plaintext. Show the plaintext to
 * the administrator once and drop this object; {@code toString} never prints it.
 */
public final class IssuedKey {
    private final AuthenticationKey metadata;
    private final String plaintext;

    public IssuedKey(AuthenticationKey metadata, String plaintext) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.plaintext = Objects.requireNonNull(plaintext, "plaintext");
    }

    public AuthenticationKey metadata() {
        return metadata;
    }

    /** The key to hand to the partner. It cannot be recovered later. */
    public String plaintext() {
        return plaintext;
    }

    @Override
    public String toString() {
        return "IssuedKey[" + metadata + ", key=<redacted>]";
    }
}
