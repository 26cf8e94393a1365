package dev.partnerauth.servlet;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.StoreUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The small HTML pages of the landing step, in the browser that followed a launch link, inside the
 * host's {@link LandingPageTemplate}. Every page keeps its URL (which may carry a code) out of
 * referrers and caches, and can be framed only by the configured PRM origins in the embedded mode.
 */
final class LandingPages {
    /** Presses the continue page's button; allowed by its hash, so that no other script can run there. */
    private static final String CONTINUE_SCRIPT = "document.getElementById('partner-auth-continue').submit();";
    private static final String CONTINUE_SCRIPT_HASH = LandingPageTemplate.sha256(CONTINUE_SCRIPT);
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

    /**
     * A page request of a partner session refused before it reached the host (the client address
     * could not be told: a trusted proxy forwarded a garbled hop). Says nothing of which check failed.
     */
    void refused(HttpServletResponse response, ErrorResponse error) throws IOException {
        if (!error.prepare(response)) {
            return;
        }
        page(response, error.status(), "Request refused", "This application refused the request. Try again "
                + "later; if this keeps happening, tell the administrator of this application.");
    }

    /**
     * Asks a browser that holds {@code current} whether to switch to {@code arriving}, by a POST of
     * this page carrying {@code nonce}. Each identity is said in the words its user knows: the
     * name and login the PRM sent, the company, and the partner's integration (the key's name,
     * which the host's admin gave it), never the principal's internal name.
     */
    void askBeforeSwitching(HttpServletResponse response, PartnerPrincipal current, PartnerPrincipal arriving,
                            String action, String nonce, String location) throws IOException {
        String content = "<p>This browser is signed in to this application as:</p>" + identity(current, "current")
                + "<p>The link you opened signs in a different partner user:</p>" + identity(arriving, "arriving")
                + "<p>Continue only if you meant to switch. The user above is signed out here.</p>"
                + "<form method=\"post\" action=\"" + html(action) + "\">"
                + "<input type=\"hidden\" name=\"nonce\" value=\"" + html(nonce) + "\">"
                + "<button id=\"partner-auth-continue-switch\" type=\"submit\">Continue as " + html(arriving.user().name()) + "</button></form>"
                + "<p><a href=\"" + html(location) + "\">Stay signed in as " + html(current.user().name()) + "</a></p>";
        render(response, 200, "Switch partner user?", content, "");
    }

    private static String identity(PartnerPrincipal p, String which) {
        StringBuilder out = new StringBuilder("<dl class=\"partner-auth-identity partner-auth-" + which + "\">");
        out.append("<dt>Name</dt><dd>").append(html(p.user().name())).append("</dd>");
        out.append("<dt>Login</dt><dd>").append(html(p.user().login())).append("</dd>");
        if (p.user().company() != null) {
            out.append("<dt>Company</dt><dd>").append(html(p.user().company())).append("</dd>");
        }
        out.append("<dt>Partner portal</dt><dd>").append(html(p.keyName())).append("</dd>");
        return out.append("</dl>").toString();
    }

    /**
     * For a request with no fetch metadata (a link previewer, a mail scanner, a very old browser):
     * a page whose form POSTs the code on, with a script that presses its button, so that only a
     * browser that shows the page spends the code. The nonce is also in a cookie of this response,
     * and the POST must carry both.
     */
    void continuePage(HttpServletResponse response, String action, String nonce) throws IOException {
        String content = "<p>Sign in to continue to this application.</p>"
                + "<form id=\"partner-auth-continue\" method=\"post\" action=\"" + html(action) + "\">"
                + "<input type=\"hidden\" name=\"nonce\" value=\"" + html(nonce) + "\">"
                + "<button type=\"submit\">Continue</button></form><script>" + CONTINUE_SCRIPT + "</script>";
        render(response, 200, "Continue to sign in", content, "; script-src 'sha256-" + CONTINUE_SCRIPT_HASH + "'");
    }

    /** {@code text} is HTML already: callers escape what they put in it with {@link #html}. */
    void page(HttpServletResponse response, int status, String title, String text) throws IOException {
        render(response, status, title, "<p>" + text + "</p>", "");
    }

    private void render(HttpServletResponse response, int status, String title, String content, String csp)
            throws IOException {
        byte[] html = filters.pageTemplate.render(title, content).getBytes(StandardCharsets.UTF_8);
        noStore(response);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src "
                + filters.pageTemplate.styleSources() + "; img-src 'self'; form-action 'self'; base-uri 'none'"
                + csp + "; frame-ancestors " + frameAncestors());
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
