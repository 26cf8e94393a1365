package dev.partnerauth.internal;

/**
 * The one rule for text that may reach a header, a log line, a URL or a JSON body: no control
 * characters and no lone surrogates. Values check it in their constructors; messages that echo
 * what a caller sent go through {@link #shown}. Unsupported: not part of the API.
 */
public final class PrintableText {
    private PrintableText() {
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
}
