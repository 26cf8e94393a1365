package dev.partnerauth.demo.prm;

import dev.partnerauth.demo.Html;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The simulator's page frame: head, site header and navigation around a page's main content. */
final class Page {

    private Page() {
    }

    /**
     * Writes a page. {@code mainAttributes} and {@code content} are HTML and must already be
     * escaped; {@code title} and {@code active} are text.
     *
     * @param active the navigation entry to mark current: {@code "/"} or {@code "/settings"}
     * @param script a path under {@code /static/} to load with {@code defer}, or null for none
     */
    static void send(HttpServletResponse response, int status, String title, String active,
            String mainAttributes, String content, String script) throws IOException {
        StringBuilder html = new StringBuilder(4096);
        html.append("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>""").append(Html.escape(title)).append(" · PRM simulator</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/static/style.css\">\n");
        if (script != null) {
            html.append("<script src=\"/static/").append(Html.escape(script)).append("\" defer></script>\n");
        }
        html.append("""
                </head>
                <body>
                <header class="site-header">
                <p class="brand">Northwind Partner Portal <span class="badge">PRM simulator</span></p>
                <nav aria-label="Main">
                """)
                .append(navLink("/", "Portal", active))
                .append(navLink("/settings", "Settings", active))
                .append("</nav>\n</header>\n<main ").append(mainAttributes).append(">\n")
                .append(content)
                .append("</main>\n</body>\n</html>\n");
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(html.toString());
    }

    private static String navLink(String href, String label, String active) {
        String current = href.equals(active) ? " aria-current=\"page\"" : "";
        return "<a href=\"" + href + "\"" + current + ">" + label + "</a>\n";
    }

    /** {@code "A key is saved, ending in …abcd."}: enough to tell keys apart, too little to use. */
    static String describeSavedKey(String key) {
        if (key.length() < 16) {
            return "A key is saved.";
        }
        return "A key is saved, ending in …" + key.substring(key.length() - 4) + ".";
    }
}
