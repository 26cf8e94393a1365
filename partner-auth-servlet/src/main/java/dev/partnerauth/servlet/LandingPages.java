package dev.partnerauth.servlet;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.StoreUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The small HTML pages of the landing step, in the browser that followed a launch link. Every page
 * keeps its URL (which may carry a code) out of referrers and caches, and can be framed only by
 * the configured PRM origins in the embedded mode.
 */
final class LandingPages {
    private final PartnerAuthFilters filters;

    LandingPages(PartnerAuthFilters filters) {
        this.filters = filters;
    }

    /**
     * The page for what {@link ErrorResponse} decided. A refusal of any kind is the one 403 page:
     * a browser has no credentials to offer for a 401, and the page must not say which check failed.
     */
    void error(HttpServletResponse response, ErrorResponse error) throws IOException {
        if (!error.prepare(response)) {
            return;
        }
        switch (error.status()) {
            case 429 -> page(response, 429, "Too many attempts", "Too many sign-in attempts came from your network. "
                    + "Wait a minute, then open the quote again from your partner portal.");
            case 503 -> page(response, 503, "Temporarily unavailable", "Sign-in is temporarily unavailable. "
                    + "Try again shortly.");
            case 500 -> page(response, 500, "Sign-in failed", "Something went wrong on our side. Correlation id: "
                    + error.correlationId());
            default -> page(response, 403, "Sign-in link not valid", "This sign-in link has expired or has already "
                    + "been used. Go back to your partner portal and open the quote again.");
        }
    }

    /** Asks a browser that holds {@code current} whether to switch to {@code arriving}, by a same-origin POST. */
    void askBeforeSwitching(HttpServletResponse response, PartnerPrincipal current, PartnerPrincipal arriving,
                            String action, String nonce, String location) throws IOException {
        page(response, 200, "Switch partner user?", "This browser is signed in as " + describe(current)
                + ". The link you opened signs in " + describe(arriving) + ".</p>"
                + "<form method=\"post\" action=\"" + html(action) + "\">"
                + "<input type=\"hidden\" name=\"nonce\" value=\"" + nonce + "\">"
                + "<button type=\"submit\">Continue as " + html(arriving.user().name()) + "</button></form>"
                + "<p><a href=\"" + html(location) + "\">Stay signed in as " + html(current.user().name()) + "</a>");
    }

    private static String describe(PartnerPrincipal p) {
        String company = p.user().company() == null ? "" : ", " + html(p.user().company());
        return "<b>" + html(p.user().name()) + "</b> (" + html(p.getName()) + company + ", through "
                + html(p.keyName()) + ")";
    }

    /** {@code text} is HTML already: callers escape what they put in it with {@link #html}. */
    void page(HttpServletResponse response, int status, String title, String text) throws IOException {
        byte[] html = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        noStore(response);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors "
                + frameAncestors());
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }

    /** The URL may carry a launch code: it must reach no referrer and no cache. */
    static void noStore(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }

    /** Partner-chosen text (names, logins) goes into the page: never as markup. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Who may frame these pages: nobody, or in the embedded mode the configured PRM origins. */
    private String frameAncestors() {
        if (!filters.embedded) {
            return "'none'";
        }
        try {
            List<String> origins = filters.auth.settings().allowedOrigins();
            return origins.isEmpty() ? "'none'" : String.join(" ", origins);
        } catch (StoreUnavailableException e) {
            return "'none'";
        }
    }
}
