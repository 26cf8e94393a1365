package dev.partnerauth.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Strict RFC 8259 reader and writer for request and response bodies.
 *
 * <p>Reading maps an object to a {@link LinkedHashMap} (document order), an array to an
 * {@link ArrayList}, a string to {@link String}, a number to {@link BigDecimal}, {@code true}
 * and {@code false} to {@link Boolean} and {@code null} to {@code null}; callers tell a missing
 * member from a null one with {@code containsKey}.
 *
 * <p>Input is assumed hostile. Beyond the grammar, the reader refuses invalid UTF-8, a byte
 * order mark, duplicate keys, nesting deeper than a limit and numbers that are long or have a
 * huge exponent. It runs in time linear in the input, and its recursion depth is bounded by
 * the nesting limit, so no input can exhaust the stack. Every refusal is a
 * {@link JsonSyntaxException}; no input makes it throw anything else.
 *
 * <p>All methods are static and thread-safe; each parse keeps its state in its own instance.
 *
 * <p>This is the library's only JSON codec: the servlet module reads request bodies and writes
 * answers with it, the access-token signer writes its claims with it, and the demo and the testkit
 * use it too, so one set of rules (and one set of hostile-input tests) holds everywhere. Public only
 * because those modules live in other packages; not a supported API for hosts.
 */
public final class Json {

    static final int DEFAULT_MAX_DEPTH = 32;
    /** A caller's depth limit may not exceed this, which keeps recursion far below any thread's stack. */
    static final int MAX_DEPTH_CEILING = 256;
    static final int MAX_NUMBER_LENGTH = 64;
    /**
     * Numbers whose BigDecimal scale lies beyond this are refused: no body of ours needs them,
     * and a caller converting {@code 1e999999999} to an integer or plain string would build a
     * billion-digit value.
     */
    static final int MAX_NUMBER_SCALE = 1000;
    /** Within this scale the writer prints plain digits; beyond it, exponent notation keeps output short. */
    private static final int PLAIN_SCALE_LIMIT = 20;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final char[] in;
    private final int maxDepth;
    private int pos;

    private Json(char[] in, int maxDepth) {
        this.in = in;
        this.maxDepth = maxDepth;
    }

    /** Parses one complete JSON text from UTF-8 bytes, allowing {@value #DEFAULT_MAX_DEPTH} levels of nesting. */
    public static Object parse(byte[] utf8) throws JsonSyntaxException {
        return parse(utf8, DEFAULT_MAX_DEPTH);
    }

    /** Parses one complete JSON text from UTF-8 bytes, allowing {@code maxDepth} nested arrays and objects. */
    public static Object parse(byte[] utf8, int maxDepth) throws JsonSyntaxException {
        Objects.requireNonNull(utf8, "utf8");
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_CEILING) {
            throw new IllegalArgumentException("maxDepth must be between 1 and " + MAX_DEPTH_CEILING);
        }
        Json reader = new Json(decode(utf8), maxDepth);
        reader.skipWhitespace();
        Object value = reader.readValue(0);
        reader.skipWhitespace();
        if (reader.pos != reader.in.length) {
            throw reader.fail("unexpected content after the value");
        }
        return value;
    }

    private static char[] decode(byte[] utf8) throws JsonSyntaxException {
        if (utf8.length >= 3 && utf8[0] == (byte) 0xEF && utf8[1] == (byte) 0xBB && utf8[2] == (byte) 0xBF) {
            throw new JsonSyntaxException("byte order mark", 0);
        }
        CharBuffer chars;
        try {
            // REPORT (not the default REPLACE) so overlong forms, encoded surrogates, truncated
            // sequences and bytes 0xF5-0xFF are refused rather than silently turned into U+FFFD.
            chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8));
        } catch (CharacterCodingException e) {
            throw new JsonSyntaxException("invalid UTF-8", -1);
        }
        char[] text = new char[chars.remaining()];
        chars.get(text);
        return text;
    }

    private Object readValue(int depth) throws JsonSyntaxException {
        char c = peek();
        return switch (c) {
            case '{' -> readObject(depth + 1);
            case '[' -> readArray(depth + 1);
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            default -> {
                if (c != '-' && !isDigit(c)) {
                    throw fail("unexpected character");
                }
                yield readNumber();
            }
        };
    }

    private Map<String, Object> readObject(int depth) throws JsonSyntaxException {
        if (depth > maxDepth) {
            throw fail("nesting too deep");
        }
        pos++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw fail("expected a string key");
            }
            int keyStart = pos;
            String key = readString();
            if (members.containsKey(key)) {
                throw fail("duplicate key", keyStart);
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, readValue(depth));
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return members;
            }
            expect(',');
        }
    }

    private List<Object> readArray(int depth) throws JsonSyntaxException {
        if (depth > maxDepth) {
            throw fail("nesting too deep");
        }
        pos++;
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return elements;
        }
        while (true) {
            skipWhitespace();
            elements.add(readValue(depth));
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return elements;
            }
            expect(',');
        }
    }

    private String readString() throws JsonSyntaxException {
        int start = ++pos;
        // Most strings have no escapes: take them in one copy.
        while (pos < in.length) {
            char c = in[pos];
            if (c == '"') {
                return new String(in, start, pos++ - start);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            pos++;
        }
        StringBuilder text = new StringBuilder(pos - start + 16).append(in, start, pos - start);
        while (true) {
            char c = peek();
            if (c == '"') {
                pos++;
                return text.toString();
            }
            if (c < 0x20) {
                throw fail("control character in string");
            }
            pos++;
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char escape = peek();
            pos++;
            switch (escape) {
                case '"', '\\', '/' -> text.append(escape);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> readUnicodeEscape(text);
                default -> throw fail("invalid escape", pos - 2);
            }
        }
    }

    /** Reads the hex digits after a backslash-u; a surrogate must arrive as a high-low pair of escapes. */
    private void readUnicodeEscape(StringBuilder text) throws JsonSyntaxException {
        int escapeStart = pos - 2;
        char c = readHex4();
        if (Character.isLowSurrogate(c)) {
            throw fail("unpaired surrogate escape", escapeStart);
        }
        if (Character.isHighSurrogate(c)) {
            if (pos + 1 >= in.length || in[pos] != '\\' || in[pos + 1] != 'u') {
                throw fail("unpaired surrogate escape", escapeStart);
            }
            pos += 2;
            char low = readHex4();
            if (!Character.isLowSurrogate(low)) {
                throw fail("unpaired surrogate escape", escapeStart);
            }
            text.append(c).append(low);
            return;
        }
        text.append(c);
    }

    private char readHex4() throws JsonSyntaxException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            // Hand-rolled: Character.digit would accept non-ASCII digits such as fullwidth ones.
            char c = peek();
            int digit = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : -1;
            if (digit < 0) {
                throw fail("invalid unicode escape");
            }
            value = value << 4 | digit;
            pos++;
        }
        return (char) value;
    }

    private BigDecimal readNumber() throws JsonSyntaxException {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++; // a leading zero ends the integer part, so "01" fails at the '1'
        } else if (!skipDigits()) {
            throw fail("invalid number", start);
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            if (!skipDigits()) {
                throw fail("invalid number", start);
            }
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (!skipDigits()) {
                throw fail("invalid number", start);
            }
        }
        // Checked before BigDecimal sees the text, so a 10 000-digit number costs one scan.
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw fail("number too long", start);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(in, start, pos - start);
        } catch (NumberFormatException | ArithmeticException e) {
            throw fail("number out of range", start); // exponent beyond int range
        }
        if (number.scale() > MAX_NUMBER_SCALE || number.scale() < -MAX_NUMBER_SCALE) {
            throw fail("number out of range", start);
        }
        return number;
    }

    private boolean skipDigits() {
        int start = pos;
        while (pos < in.length && isDigit(in[pos])) {
            pos++;
        }
        return pos > start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Object readLiteral(String word, Object value) throws JsonSyntaxException {
        int end = pos + word.length();
        if (end > in.length || !word.contentEquals(CharBuffer.wrap(in, pos, word.length()))) {
            throw fail("invalid literal");
        }
        pos = end;
        return value;
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            char c = in[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() throws JsonSyntaxException {
        if (pos >= in.length) {
            throw fail("unexpected end of input");
        }
        return in[pos];
    }

    private void expect(char c) throws JsonSyntaxException {
        if (peek() != c) {
            throw fail(c == ':' ? "expected ':'" : "expected ',' or a closing bracket");
        }
        pos++;
    }

    private JsonSyntaxException fail(String reason) {
        return fail(reason, pos);
    }

    private JsonSyntaxException fail(String reason, int offset) {
        return new JsonSyntaxException(reason, offset);
    }

    /**
     * Writes a value: a {@code Map} with String keys (in its iteration order), a {@code List},
     * {@code String}, {@code Boolean}, {@code null}, or a {@code Number} that is an
     * {@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code BigInteger},
     * {@code BigDecimal} or finite {@code Double} or {@code Float}.
     *
     * <p>Besides what JSON requires, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 are
     * escaped, so the output can be embedded in HTML or a script unchanged.
     *
     * @throws IllegalArgumentException for any other type, a non-String or null key, a lone
     *     surrogate in a string, a non-finite number, or nesting deeper than
     *     {@value #MAX_DEPTH_CEILING} (which catches a value that contains itself)
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        writeValue(out, value, 0, false);
        return out.toString();
    }

    /**
     * Writes a value as {@link #write} does, except that an unpaired surrogate in a string is
     * written as a {@code \}{@code u} escape instead of refused. For a signed token's claims: the
     * signer must carry whatever subject it is given, and a JOSE library reads such an escape
     * back as the same UTF-16 unit, where raw it would turn into {@code ?} on the way to UTF-8.
     * Our own reader still refuses that escape, so nothing written this way is read by it.
     */
    public static String writeEscapingLoneSurrogates(Object value) {
        StringBuilder out = new StringBuilder(128);
        writeValue(out, value, 0, true);
        return out.toString();
    }

    private static void writeValue(StringBuilder out, Object value, int depth, boolean escapeLoneSurrogates) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s, escapeLoneSurrogates);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            writeNumber(out, n);
        } else if (value instanceof Map<?, ?> map) {
            checkWriteDepth(depth + 1);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!(member.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be non-null Strings");
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, key, escapeLoneSurrogates);
                out.append(':');
                writeValue(out, member.getValue(), depth + 1, escapeLoneSurrogates);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            checkWriteDepth(depth + 1);
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(out, list.get(i), depth + 1, escapeLoneSurrogates);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("Unsupported JSON value type: " + value.getClass().getName());
        }
    }

    private static void checkWriteDepth(int depth) {
        if (depth > MAX_DEPTH_CEILING) {
            throw new IllegalArgumentException("JSON value nested deeper than " + MAX_DEPTH_CEILING + " (cyclic?)");
        }
    }

    private static void writeNumber(StringBuilder out, Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            out.append(n);
        } else if (n instanceof BigDecimal d) {
            // toPlainString on a huge exponent would expand it digit by digit; range-checked
            // rather than Math.abs(scale), which is negative for Integer.MIN_VALUE.
            boolean modest = d.scale() >= -PLAIN_SCALE_LIMIT && d.scale() <= PLAIN_SCALE_LIMIT;
            out.append(modest ? d.toPlainString() : d.toString());
        } else if (n instanceof Double || n instanceof Float) {
            if (!Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("JSON has no NaN or Infinity");
            }
            out.append(n); // Double.toString forms such as 1.0E-5 are valid JSON numbers
        } else {
            throw new IllegalArgumentException("Unsupported JSON number type: " + n.getClass().getName());
        }
    }

    private static void writeString(StringBuilder out, String s, boolean escapeLoneSurrogates) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                // HTML and JavaScript (before ES2019) treat these specially inside embedded JSON.
                case '<', '>', '&', '\u2028', '\u2029' -> appendUnicodeEscape(out, c);
                default -> {
                    if (c < 0x20) {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c) && escapeLoneSurrogates) {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isSurrogate(c)) {
                        // Would encode to invalid UTF-8 (or be refused by our own reader).
                        throw new IllegalArgumentException("String contains an unpaired surrogate at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX[c >> 12 & 0xF])
                .append(HEX[c >> 8 & 0xF])
                .append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
    }
}
