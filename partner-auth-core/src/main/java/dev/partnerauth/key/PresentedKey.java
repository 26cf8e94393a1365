package dev.partnerauth.key;

import dev.partnerauth.internal.key.KeyFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A key exactly as a caller presented it, not yet verified against the store: only the key service
 * turns it into a verified key. Any text is accepted, because a text that cannot be a key (typo,
 * truncation, garbage) must still reach the service to be throttled and audited like any other
 * refused key; its shape and checksum are checked here, without touching a store. Its
 * {@code toString} shows only the id.
 */
public final class PresentedKey {
    private final String text;
    /** Null when the text cannot be a key. */
    private final KeyId id;

    private PresentedKey(String text, KeyId id) {
        this.text = text;
        this.id = id;
    }

    /** The key as presented; {@link #id()} tells whether it has a key's shape and checksum. */
    public static PresentedKey of(String text) {
        Objects.requireNonNull(text, "text");
        return new PresentedKey(text, KeyFormat.isWellFormed(text) ? new KeyId(KeyFormat.idOf(text)) : null);
    }

    /** The id this key names; empty when the text cannot be a key. */
    public Optional<KeyId> id() {
        return Optional.ofNullable(id);
    }

    /** The key exactly as presented, for the keyed hash; never log or store it. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "PresentedKey[id=" + (id == null ? "<malformed>" : id) + ", secret=<redacted>]";
    }
}
