package dev.partnerauth.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Whether a request to the administration API is a write that a browser sent from another site.
 * Such a request rides the administrator's session cookie or remembered HTTP Basic credentials,
 * which a browser attaches to a cross-site form POST whatever the cookie's {@code SameSite}; and a
 * {@code DELETE} carries no body, so requiring JSON does not stop it once a framework turns the
 * form's {@code _method=DELETE} into a {@code DELETE} (Spring's {@code HiddenHttpMethodFilter}).
 * The test therefore looks at where the request came from, never at its content type or at which
 * method it claims to be: every method but {@code GET}, {@code HEAD} and {@code OPTIONS} is a write.
 *
 * <p>Refused: {@code Sec-Fetch-Site} {@code cross-site} or {@code same-site} (a sibling subdomain
 * is another party's site; the administrator's own pages are same-origin); an {@code Origin} that
 * does not name this host; {@code Origin: null} unless fetch metadata vouches that the request is
 * same-origin (a page served with {@code Referrer-Policy: no-referrer} sends it so). Admitted: a
 * same-origin page, a user's own navigation ({@code Sec-Fetch-Site: none}), and a request with
 * neither header, which no browser sends for a cross-site write: scripts, {@code curl}, the host's
 * own tooling.
 */
final class AdminWrites {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private AdminWrites() {
    }

    static boolean isCrossSiteWrite(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        if (origin.equals("null")) {
            return !"same-origin".equals(site);
        }
        return !OriginHeader.namesHost(origin, request.getHeader("Host"));
    }

}
