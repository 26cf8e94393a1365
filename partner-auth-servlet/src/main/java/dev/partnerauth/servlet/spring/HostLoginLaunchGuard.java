package dev.partnerauth.servlet.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs just before the landing filter, after every login filter of the chain: a launch link opened
 * in a browser that this request shows signed in to the host (an administrator, a CPQ employee;
 * by the session, HTTP Basic, a bearer token or remember-me) is refused with 409 and a page that
 * says why, and the launch code is left unspent. Otherwise the landing would put a partner into the
 * host user's session, and one session would silently carry two identities. The user signs out
 * of the CPQ and reloads the link (it works until the code's lifetime ends) or opens the quote
 * from the portal again.
 */
final class HostLoginLaunchGuard implements Filter {
    private static final String PARAMETER = "launch";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response
                && carriesLaunchCode(request.getQueryString())
                && PartnerSecurityContextFilter.isHostLogin(
                        SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication())) {
            refuse(response);
            return;
        }
        chain.doFilter(req, res);
    }

    /**
     * Whether any query parameter is named {@code launch}, raw or percent-decoded, in any case: a
     * superset of what the landing filter redeems, so that no spelling slips past this check.
     */
    static boolean carriesLaunchCode(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equalsIgnoreCase(PARAMETER) || decoded(name).equalsIgnoreCase(PARAMETER)) {
                return true;
            }
        }
        return false;
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        byte[] html = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>Signed in as someone else</title></head>"
                + "<body><h1>Signed in as someone else</h1><p>This browser is signed in to the CPQ with its own "
                + "account. Sign out of it first, then reload this page or open the quote again from your partner "
                + "portal.</p></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(409);
        // the URL carries the (unspent) launch code: keep it out of referrers and caches
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }
}
