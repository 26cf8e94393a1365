package dev.partnerauth.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a request on the host's pages means to the landing step: the launch codes of its query,
 * whether the browser navigates (and so may spend a code), whether it sent fetch metadata, and
 * whether a POST came from one of partner-auth's own pages.
 */
final class LandingRequests {
    static final String PARAMETER = "launch";
    /** Marks the confirmation POST of an identity switch; it carries no value, the nonce is in the body. */
    static final String SWITCH_PARAMETER = "launch-switch";
    /** Marks the POST of the continue page, which carries the launch code on in its query. */
    static final String CONTINUE_PARAMETER = "launch-continue";
    private static final List<String> FETCH_METADATA = List.of("Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-Dest",
            "Sec-Fetch-User");

    private LandingRequests() {
    }

    /**
     * A navigation of the top-level page by the user's browser (or of a frame, in the embedded mode
     * only: outside it, a page that someone opened must not spend codes in hidden iframes). Browsers
     * that send fetch metadata say what the request is; a request with none gets the continue page
     * (see {@link #hasFetchMetadata}). Prefetches and prerenders may never be shown to the user, so
     * they must not spend the code.
     */
    static boolean isNavigation(HttpServletRequest request, boolean embedded) {
        for (String header : List.of("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")) {
            String purpose = request.getHeader(header);
            if (purpose != null && (purpose.toLowerCase(Locale.ROOT).contains("prefetch")
                    || purpose.toLowerCase(Locale.ROOT).contains("preview"))) {
                return false;
            }
        }
        String mode = request.getHeader("Sec-Fetch-Mode");
        String dest = request.getHeader("Sec-Fetch-Dest");
        return (mode == null || mode.equals("navigate"))
                && (dest == null || dest.equals("document") || embedded && dest.equals("iframe"));
    }

    /**
     * Whether the request carries any fetch metadata. Every current browser sends it on a
     * navigation (over HTTPS and to localhost); a link previewer, a mail scanner or a very old
     * browser sends none, and so gets the continue page instead of spending the code.
     */
    static boolean hasFetchMetadata(HttpServletRequest request) {
        for (String header : FETCH_METADATA) {
            if (request.getHeader(header) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The origin checks of a POST from one of partner-auth's own pages (the identity switch, the
     * continue page); each such POST also carries a random nonce that only that page knew, which
     * is what binds it to the page: a cross-site page cannot read it.
     *
     * <p>Fetch metadata, when sent, must say {@code same-origin}. {@code Origin}, when sent, must
     * name this host or be {@code null}: the pages are served with {@code Referrer-Policy:
     * no-referrer} (their URL may carry a launch code), under which browsers send {@code Origin:
     * null} on their own same-origin form POST. A cross-site page can send {@code null} too, which
     * is why the nonce, not the origin, is the guard there. Neither header present is refused:
     * every browser sends one of them on a form POST.
     */
    static boolean fromOwnPage(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if (site == null && origin == null) {
            return false;
        }
        if (site != null && !site.equals("same-origin")) {
            return false;
        }
        return origin == null || origin.equals("null") || OriginHeader.namesHost(origin, request.getHeader("Host"));
    }

    /** The raw query split into launch codes and the rest, kept in order and undecoded. */
    record LaunchQuery(List<String> codes, String rest, boolean identitySwitch, boolean continued) {
        static LaunchQuery parse(String query) {
            if (query == null || query.isEmpty()) {
                return new LaunchQuery(List.of(), "", false, false);
            }
            boolean identitySwitch = false;
            boolean continued = false;
            List<String> codes = new ArrayList<>(1);
            List<String> rest = new ArrayList<>();
            for (String pair : query.split("&")) {
                if (pair.equals(PARAMETER) || pair.startsWith(PARAMETER + "=")) {
                    codes.add(pair.substring(Math.min(pair.length(), PARAMETER.length() + 1)));
                } else if (pair.equals(SWITCH_PARAMETER)) {
                    identitySwitch = true;
                } else if (pair.equals(CONTINUE_PARAMETER)) {
                    continued = true;
                } else if (!pair.isEmpty()) {
                    rest.add(pair);
                }
            }
            return new LaunchQuery(codes, String.join("&", rest), identitySwitch, continued);
        }
    }
}
