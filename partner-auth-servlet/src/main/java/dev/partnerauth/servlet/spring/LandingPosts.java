package dev.partnerauth.servlet.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * The landing filter's answer to its own POSTs (the identity-switch confirmation and the continue
 * page's POST of a launch code), given before Spring's {@code CsrfFilter}: they carry the landing's
 * own nonce and are checked by its same-origin test, not by Spring's token. The host-login guard
 * runs first, on what Spring has loaded so far (the session's login). Every other request goes on;
 * the same landing filter runs again after the login filters for launches and the session check.
 * A landing POST that the landing does not answer goes on down the chain, where {@code CsrfFilter}
 * refuses it: this is never a CSRF exemption.
 */
final class LandingPosts implements Filter {
    private final Filter guard = new HostLoginLaunchGuard();
    private final Filter landing;

    LandingPosts(Filter landing) {
        this.landing = landing;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && PartnerAuthSecurity.isLandingPost(request)) {
            guard.doFilter(req, res, (guarded, response) -> landing.doFilter(guarded, response, chain));
        } else {
            chain.doFilter(req, res);
        }
    }
}
