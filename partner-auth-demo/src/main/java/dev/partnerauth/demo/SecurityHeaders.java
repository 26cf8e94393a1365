package dev.partnerauth.demo;

import dev.partnerauth.settings.AuthenticatorSettings;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The response headers that keep the demo's pages from running injected script, being framed or
 * leaking URLs (which carry ids, and on the landing path a launch code) to other origins through
 * {@code Referer}.
 *
 * @param contentSecurityPolicy the {@code Content-Security-Policy} value
 */
public record SecurityHeaders(String contentSecurityPolicy) {

    /** The CPQ host's policy: everything from its own origin, no inline script or style. */
    public static final SecurityHeaders CPQ = new SecurityHeaders(
            "default-src 'self'; script-src 'self'; style-src 'self'; "
                    + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");

    public SecurityHeaders {
        Objects.requireNonNull(contentSecurityPolicy, "contentSecurityPolicy");
        if (contentSecurityPolicy.isBlank() || contentSecurityPolicy.indexOf('\n') >= 0
                || contentSecurityPolicy.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("contentSecurityPolicy must be one non-blank line");
        }
    }

    /**
     * The origin of {@code url} as a browser writes it in an {@code Origin} header or a CSP source:
     * {@code scheme://host[:port]}, lower case, without a default port.
     *
     * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL with a host
     */
    public static String originOf(URI url) {
        Objects.requireNonNull(url, "url");
        String port = url.getPort() == -1 ? "" : ":" + url.getPort();
        return AuthenticatorSettings.normaliseOrigin(url.getScheme() + "://" + url.getHost() + port);
    }

    /**
     * This policy with its {@code frame-ancestors} naming {@code origins} instead ({@code 'none'} when
     * there are none): the origins come from the validated settings, never from a request.
     */
    public SecurityHeaders framedBy(List<String> origins) {
        String ancestors = origins.isEmpty() ? "'none'" : String.join(" ", origins);
        return new SecurityHeaders(contentSecurityPolicy.replaceFirst("frame-ancestors [^;]*",
                "frame-ancestors " + java.util.regex.Matcher.quoteReplacement(ancestors)));
    }

    /** Sets the headers on {@code response}, replacing any earlier values. */
    public void applyTo(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // not no-referrer: under it browsers send "Origin: null" on same-origin form posts, which
        // the simulator's and the CPQ's Origin checks must then refuse
        response.setHeader("Referrer-Policy", "same-origin");
    }

    /**
     * A filter that applies these headers before the request goes on, so that every response of the
     * context carries them, error pages included.
     */
    public Filter asFilter() {
        return (request, response, chain) -> {
            if (response instanceof HttpServletResponse http) {
                applyTo(http);
            }
            chain.doFilter(request, response);
        };
    }
}
