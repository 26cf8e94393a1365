package dev.partnerauth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one parsed JSON object of a request body and collects every problem, with
 * the messages of the public error reference, so that a caller learns all of them at once. Used
 * by the request types here and by the administration API. Not thread-safe: one per request.
 */
public final class RequestFields {
    private final Map<String, Object> body;
    private final String prefix;
    private final Collected collected;

    private RequestFields(Map<String, Object> body, String prefix, Collected collected) {
        this.body = body;
        this.prefix = prefix;
        this.collected = collected;
    }

    public static RequestFields of(Map<String, Object> body) {
        return new RequestFields(body, "", new Collected());
    }

    public String path(String name) {
        return prefix + name;
    }

    /** Returns the string, or {@code null} after recording why there is none. */
    public String requiredString(String name, int maxLength) {
        if (!body.containsKey(name) || body.get(name) == null) {
            collected.missing.add(path(name));
            return null;
        }
        return string(name, maxLength, true);
    }

    /** Returns the string, or {@code null} when absent, JSON null, or invalid (recorded). */
    public String optionalString(String name, int maxLength) {
        if (body.get(name) == null) {
            return null;
        }
        return string(name, maxLength, false);
    }

    /** Returns a reader over a nested object, or {@code null} after recording why there is none. */
    public RequestFields requiredObject(String name) {
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

    public void rejectUnknown(Set<String> known) {
        for (String name : body.keySet()) {
            if (!known.contains(name)) {
                String shown = shown(path(name), 64);
                collected.others.add(new Problem("UNRECOGNIZED_PARAMETER", "Unrecognized parameter: " + shown, shown));
            }
        }
    }

    public void invalid(String name, String validValues) {
        collected.others.add(new Problem("INVALID_VALUE",
                path(name) + " - Invalid parameter value. Valid value(s): " + validValues, path(name)));
    }

    /** Throws an {@link InvalidRequestException} carrying every problem found, if any. */
    public void throwIfAny() {
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
    public boolean has(String name) {
        return body.containsKey(name);
    }

    /**
     * Reads a field the body names: the boolean, or {@code null} after recording why there is none
     * (JSON null included: a field that is sent must have a value).
     */
    public Boolean booleanValue(String name) {
        if (!(body.get(name) instanceof Boolean b)) {
            invalid(name, "true, false");
            return null;
        }
        return b;
    }

    /** Returns the boolean, or {@code null} after recording that it is missing or not a boolean. */
    public Boolean requiredBoolean(String name) {
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
    public Long wholeNumber(String name, long min, long max) {
        Object value = body.get(name);
        if (value instanceof java.math.BigDecimal n && n.signum() == 0) {
            value = java.math.BigDecimal.ZERO; // -0 and 0e5 are zero too
        }
        if (!(value instanceof java.math.BigDecimal n) || n.stripTrailingZeros().scale() > 0
                || n.compareTo(java.math.BigDecimal.valueOf(min)) < 0 || n.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
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
    public List<String> stringList(String name, int maxItems, int maxLength) {
        if (!(body.get(name) instanceof List<?> list) || list.size() > maxItems) {
            invalid(name, "an array of at most " + maxItems + " strings");
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String itemPath = name + "[" + i + "]";
            if (!(item instanceof String s) || s.length() > maxLength || !isPrintable(s)) {
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
        if (!isPrintable(s)) {
            invalid(name, "text without control characters");
            return null;
        }
        return s;
    }

    /**
     * True when the text has no control characters (C0, DEL, C1, line and paragraph separators) and
     * no unpaired surrogates, so that it can never split a header, a log line or a URL.
     */
    public static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Text from a request made safe to echo in a message, which reaches a JSON body and a log line:
     * at most {@code maxCodePoints}, cut at a code point (half a surrogate pair would make the JSON
     * writer fail, a 500), and every character that could break a line or a header (controls,
     * U+2028, U+2029, lone surrogates) shown as {@code ?}.
     */
    public static String shown(String text, int maxCodePoints) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(maxCodePoints).forEach(c -> shown.appendCodePoint(
                Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.SURROGATE
                        ? '?' : c));
        return text.codePointCount(0, text.length()) > maxCodePoints ? shown + "..." : shown.toString();
    }

    private static final class Collected {
        final Set<String> missing = new LinkedHashSet<>();
        final List<Problem> others = new ArrayList<>();
    }
}
