package dev.partnerauth.demo;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Server-rendered HTML: escaping text, and the page frame every server-rendered page of the demo shares. */
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

    /**
     * Writes a whole page, never cached: head, stylesheet, a site header around {@code header}, and
     * {@code content} as the page's {@code main}. {@code header}, {@code mainAttributes} and
     * {@code content} are HTML and must already be escaped; {@code title} is text.
     *
     * @param mainAttributes attributes for the {@code main} element, or the empty string
     * @param script a file under {@code /static/} to load with {@code defer}, or null for none
     */
    public static void sendPage(HttpServletResponse response, int status, String title, String header,
            String mainAttributes, String content, String script) throws IOException {
        StringBuilder html = new StringBuilder(4096)
                .append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/static/style.css\">\n");
        if (script != null) {
            html.append("<script src=\"/static/").append(escape(script)).append("\" defer></script>\n");
        }
        html.append("</head>\n<body>\n<header class=\"site-header\">\n").append(header).append("</header>\n")
                .append(mainAttributes.isEmpty() ? "<main>\n" : "<main " + mainAttributes + ">\n")
                .append(content)
                .append("</main>\n</body>\n</html>\n");
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
