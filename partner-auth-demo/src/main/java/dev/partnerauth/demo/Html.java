package dev.partnerauth.demo;

/** Escaping of text placed into server-rendered HTML. */
public final class Html {

    private Html() {
    }

    /**
     * Escapes {@code text} for an HTML text node or a double- or single-quoted attribute value.
     * Not safe for unquoted attributes, URLs in {@code href}/{@code src}, or script and style content.
     *
     * @param text the text, or null for the empty string
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
