package dev.partnerauth.key;


import dev.partnerauth.internal.key.KeyFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A key as a caller presented it, with a valid shape and checksum but not yet verified against
 * the store. Not a verified key: only the key service turns it into one. Its {@code toString} shows only the id.
 */
public final class PresentedKey {
    private final KeyId id;
    private final String text;

    private PresentedKey(KeyId id, String text) {
        this.id = id;
        this.text = text;
    }

    /**
     * Checks the shape and checksum of a presented key without touching any store.
     *
     * @return empty when the text cannot be a key (typo, truncation, garbage)
     */
    public static Optional<PresentedKey> parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!KeyFormat.isWellFormed(text)) {
            return Optional.empty();
        }
        return Optional.of(new PresentedKey(new KeyId(KeyFormat.idOf(text)), text));
    }

    public KeyId id() {
        return id;
    }

    /** The key exactly as presented, for the keyed hash; never log or store it. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "PresentedKey[id=" + id + ", secret=<redacted>]";
    }
}
