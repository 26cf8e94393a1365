package dev.partnerauth.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a request on the host's pages means to the landing step: the launch codes of its query,
 * whether the browser navigates (and so may spend a code), and whether it came from this origin.
 */
final class LandingRequests {
    static final String PARAMETER = "launch";
    /** Marks the confirmation POST of an identity switch; it carries no value, the nonce is in the body. */
    static final String SWITCH_PARAMETER = "launch-switch";

    private LandingRequests() {
    }

    /**
     * A navigation of a page or frame by the user's browser. Browsers that send fetch metadata say
     * what the request is; older ones send none and are believed. Prefetches and prerenders may
     * never be shown to the user, so they must not spend the code.
     */
    static boolean isNavigation(HttpServletRequest request) {
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
                && (dest == null || dest.equals("document") || dest.equals("iframe"));
    }

    /**
     * A request sent by a page of this origin: fetch metadata says so, or (browsers without it) the
     * {@code Origin} names this host. Neither present is refused: every browser sends one of them
     * on a form POST, and a request with neither did not come from the confirmation page.
     */
    static boolean sameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if (site == null && origin == null) {
            return false;
        }
        if (site != null && !site.equals("same-origin")) {
            return false;
        }
        return origin == null || originNamesHost(origin, request.getHeader("Host"));
    }

    private static boolean originNamesHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || uri.getScheme() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            URI hostUri = new URI("x://" + host);
            int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
            int hostPort = hostUri.getPort() < 0 ? defaultPort : hostUri.getPort();
            // the scheme is not compared: behind a TLS-terminating proxy the host's own is http
            return uri.getHost().equalsIgnoreCase(hostUri.getHost()) && originPort == hostPort;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The raw query split into launch codes and the rest, kept in order and undecoded. */
    record LaunchQuery(List<String> codes, String rest, boolean identitySwitch) {
        static LaunchQuery parse(String query) {
            if (query == null || query.isEmpty()) {
                return new LaunchQuery(List.of(), "", false);
            }
            boolean identitySwitch = false;
            List<String> codes = new ArrayList<>(1);
            List<String> rest = new ArrayList<>();
            for (String pair : query.split("&")) {
                if (pair.equals(PARAMETER) || pair.startsWith(PARAMETER + "=")) {
                    codes.add(pair.substring(Math.min(pair.length(), PARAMETER.length() + 1)));
                } else if (pair.equals(SWITCH_PARAMETER)) {
                    identitySwitch = true;
                } else if (!pair.isEmpty()) {
                    rest.add(pair);
                }
            }
            return new LaunchQuery(codes, String.join("&", rest), identitySwitch);
        }
    }
}
