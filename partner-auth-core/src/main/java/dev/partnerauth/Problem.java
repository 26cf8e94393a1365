package dev.partnerauth;

import java.util.Objects;

/**
 * One entry of the {@code errors} array of a response.
 *
 * @param code    machine-readable code such as {@code MISSING_FIELD}
 * @param message human-readable text, following the public error reference
 * @param field   dotted path of the field at fault, or {@code null} when no single field is
 */
public record Problem(String code, String message, String field) {
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Problem of(String code, String message) {
        return new Problem(code, message, null);
    }
}
