package dev.partnerauth.demo.prm;

import dev.partnerauth.demo.Html;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The simulator's site header and navigation, in the demo's shared page frame ({@link Html#sendPage}). */
final class Page {

    private Page() {
    }

    /**
     * Writes a simulator page. {@code mainAttributes} and {@code content} are HTML and must already
     * be escaped; {@code title} and {@code active} are text.
     *
     * @param active the navigation entry to mark current: {@code "/"} or {@code "/settings"}
     * @param script a path under {@code /static/} to load with {@code defer}, or null for none
     */
    static void send(HttpServletResponse response, int status, String title, String active,
            String mainAttributes, String content, String script) throws IOException {
        String header = "<p class=\"brand\">Northwind Partner Portal <span class=\"badge\">PRM simulator</span></p>\n"
                + "<nav aria-label=\"Main\">\n" + navLink("/", "Portal", active) + navLink("/settings", "Settings", active)
                + "</nav>\n";
        Html.sendPage(response, status, title + " · PRM simulator", header, mainAttributes, content, script);
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
