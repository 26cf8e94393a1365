package dev.partnerauth.servlet;

import dev.partnerauth.InvalidRequestException;
import dev.partnerauth.Problem;
import dev.partnerauth.internal.PrintableText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one parsed JSON object of a request body and collects every problem, with
 * the messages of the public error reference, so that a caller learns all of them at once. The
 * texts here are the wire contract's: they change only with it. Not thread-safe: one per request.
 */
final class RequestFields {
    private final Map<String, Object> body;
    private final String prefix;
    private final Collected collected;

    private RequestFields(Map<String, Object> body, String prefix, Collected collected) {
        this.body = body;
        this.prefix = prefix;
        this.collected = collected;
    }

    static RequestFields of(Map<String, Object> body) {
        return new RequestFields(body, "", new Collected());
    }

    String path(String name) {
        return prefix + name;
    }

    /** Returns the string, or {@code null} after recording why there is none. */
    String requiredString(String name, int maxLength) {
        if (!body.containsKey(name) || body.get(name) == null) {
            collected.missing.add(path(name));
            return null;
        }
        return string(name, maxLength, true);
    }

    /** Returns the string, or {@code null} when absent, JSON null, or invalid (recorded). */
    String optionalString(String name, int maxLength) {
        if (body.get(name) == null) {
            return null;
        }
        return string(name, maxLength, false);
    }

    /** Returns a reader over a nested object, or {@code null} after recording why there is none. */
    RequestFields requiredObject(String name) {
        Object value = body.get(name);
        if (value == null) {
            collected.missing.add(path(name));
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            invalid(name, "object");
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) map;
        return new RequestFields(nested, path(name) + ".", collected);
    }

    void rejectUnknown(Set<String> known) {
        for (String name : body.keySet()) {
            if (!known.contains(name)) {
                String shown = PrintableText.shown(path(name), 64);
                collected.others.add(new Problem("UNRECOGNIZED_PARAMETER", "Unrecognized parameter: " + shown, shown));
            }
        }
    }

    void invalid(String name, String validValues) {
        collected.others.add(new Problem("INVALID_VALUE",
                path(name) + " - Invalid parameter value. Valid value(s): " + validValues, path(name)));
    }

    /** Throws an {@link InvalidRequestException} carrying every problem found, if any. */
    void throwIfAny() {
        List<Problem> problems = new ArrayList<>();
        if (!collected.missing.isEmpty()) {
            String names = String.join(", ", collected.missing);
            problems.add(new Problem("MISSING_FIELD", "Request payload missing mandatory field(s): " + names,
                    collected.missing.size() == 1 ? names : null));
        }
        problems.addAll(collected.others);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /** True when the body names the field, even as JSON null. */
    boolean has(String name) {
        return body.containsKey(name);
    }

    /**
     * Reads a field the body names: the boolean, or {@code null} after recording why there is none
     * (JSON null included: a field that is sent must have a value).
     */
    Boolean booleanValue(String name) {
        if (!(body.get(name) instanceof Boolean b)) {
            invalid(name, "true, false");
            return null;
        }
        return b;
    }

    /** Returns the boolean, or {@code null} after recording that it is missing or not a boolean. */
    Boolean requiredBoolean(String name) {
        if (!body.containsKey(name)) {
            collected.missing.add(path(name));
            return null;
        }
        return booleanValue(name);
    }

    /**
     * Reads a field the body names: a whole number from {@code min} to {@code max}, or {@code null}
     * after recording why there is none (JSON null, a fraction or a string included).
     */
    Long wholeNumber(String name, long min, long max) {
        Object value = body.get(name);
        if (value instanceof BigDecimal n && n.signum() == 0) {
            value = BigDecimal.ZERO; // -0 and 0e5 are zero too
        }
        if (!(value instanceof BigDecimal n) || n.stripTrailingZeros().scale() > 0
                || n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            invalid(name, "a whole number from " + min + " to " + max);
            return null;
        }
        return n.longValueExact();
    }

    /**
     * Reads a field the body names: the array of strings, or {@code null} after recording why there
     * is none (JSON null included). Each element is checked like a string field, with the path
     * {@code name[i]}.
     */
    List<String> stringList(String name, int maxItems, int maxLength) {
        if (!(body.get(name) instanceof List<?> list) || list.size() > maxItems) {
            invalid(name, "an array of at most " + maxItems + " strings");
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String itemPath = name + "[" + i + "]";
            if (!(item instanceof String s) || s.length() > maxLength || !PrintableText.isPrintable(s)) {
                invalid(itemPath, "a string of at most " + maxLength + " printable characters");
                return null;
            }
            out.add(s);
        }
        return out;
    }

    private String string(String name, int maxLength, boolean required) {
        Object value = body.get(name);
        if (!(value instanceof String s)) {
            invalid(name, "string");
            return null;
        }
        if (required && s.isBlank()) {
            invalid(name, "a non-empty string");
            return null;
        }
        if (s.length() > maxLength) {
            collected.others.add(new Problem("TOO_LONG", "The request parameter " + path(name)
                    + " exceeds its limits. Allowed maximum length: " + maxLength, path(name)));
            return null;
        }
        if (!PrintableText.isPrintable(s)) {
            invalid(name, "text without control characters");
            return null;
        }
        return s;
    }

    private static final class Collected {
        final Set<String> missing = new LinkedHashSet<>();
        final List<Problem> others = new ArrayList<>();
    }
}
