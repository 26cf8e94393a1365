package dev.partnerauth.internal.json;

/**
 * A body that is not one strict JSON text within the reader's limits.
 *
 * <p>The message names the rule broken and where reading stopped, never any of the input,
 * so it is safe to log; a client only ever sees the generic "Invalid payload format" body.
 */
public final class JsonSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    JsonSyntaxException(String reason, int offset) {
        super(offset < 0 ? "Malformed JSON: " + reason : "Malformed JSON: " + reason + " at offset " + offset);
        this.offset = offset;
    }

    /** Character position in the decoded text where reading stopped, or -1 when the bytes were not UTF-8. */
    int offset() {
        return offset;
    }
}
