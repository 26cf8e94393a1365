package dev.partnerauth.servlet.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * The landing filter's answer to the POST that confirms an identity switch, given before Spring's
 * {@code CsrfFilter}: that POST carries the landing's own nonce and is checked by its same-origin
 * test, not by Spring's token. Every other request goes on; the same landing filter runs again
 * after the login filters for launches and the session check.
 */
final class IdentitySwitchConfirmation implements Filter {
    private final Filter landing;

    IdentitySwitchConfirmation(Filter landing) {
        this.landing = landing;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && PartnerAuthSecurity.isIdentitySwitchConfirmation(request)) {
            landing.doFilter(req, res, chain);
        } else {
            chain.doFilter(req, res);
        }
    }
}
