package dev.partnerauth.servlet.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just enough JSON for the kit: quoting strings it sends, and reading the top-level string fields
 * and error messages of the flat answers the Partner API gives. Not a general parser.
 */
final class WireJson {
    private WireJson() {
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The first string value of {@code "name":} in {@code json}, unescaped. */
    static Optional<String> stringField(String json, String name) {
        String marker = quote(name);
        int at = 0;
        while ((at = json.indexOf(marker, at)) >= 0) {
            int i = skipSpace(json, at + marker.length());
            if (i < json.length() && json.charAt(i) == ':') {
                i = skipSpace(json, i + 1);
                if (i < json.length() && json.charAt(i) == '"') {
                    return Optional.of(readString(json, i));
                }
            }
            at += marker.length();
        }
        return Optional.empty();
    }

    /** Every {@code "message"} string in the answer, in order. */
    static List<String> messages(String json) {
        List<String> out = new ArrayList<>();
        String rest = json;
        Optional<String> m;
        while ((m = stringField(rest, "message")).isPresent()) {
            out.add(m.get());
            rest = rest.substring(rest.indexOf("\"message\"") + 9);
        }
        return out;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String readString(String s, int quote) {
        StringBuilder out = new StringBuilder();
        for (int i = quote + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated string in answer");
    }
}
