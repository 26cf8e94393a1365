package dev.partnerauth.servlet.spring;

import dev.partnerauth.servlet.internal.HostLogins;
import dev.partnerauth.servlet.internal.SignInHook;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Runs ahead of partner-auth's filters in the host's chain and tells them what the servlet API
 * does not show there: that the browser holds a Spring Security login ({@link HostLogins}), and
 * what a sign-in must do in Spring ({@link SignInHook}): renew the CSRF token, as Spring's own
 * logins do with {@code CsrfAuthenticationStrategy}. A token fixed before sign-in (a cookie planted
 * from a sibling subdomain, an anonymous session an attacker started) is worthless after it.
 *
 * <p>The token is cleared through the host's own repository, found where Spring's CSRF
 * configuration registers it for logout ({@code CsrfLogoutHandler}); Spring then makes a new
 * token when a page next asks for one. Without a logout configuration the token of Spring's
 * default session repository is removed directly.
 */
final class SpringSignIn implements Filter {
    /** {@code HttpSessionCsrfTokenRepository}'s default attribute. */
    private static final String SESSION_TOKEN = HttpSessionCsrfTokenRepository.class.getName().concat(".CSRF_TOKEN");
    private final LogoutConfigurer<HttpSecurity> logout;
    private final SignInHook renewCsrfToken = this::renewCsrfToken;

    /** @param logout the chain's logout configuration, read at sign-in (after the chain is built); may be null */
    SpringSignIn(LogoutConfigurer<HttpSecurity> logout) {
        this.logout = logout;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request) {
            request.setAttribute(SignInHook.ATTRIBUTE, renewCsrfToken);
            if (PartnerSecurityContextFilter.isHostLogin(
                    SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication())) {
                request.setAttribute(HostLogins.ATTRIBUTE, Boolean.TRUE);
            }
        }
        chain.doFilter(req, res);
    }

    private void renewCsrfToken(HttpServletRequest request, HttpServletResponse response) {
        List<LogoutHandler> handlers = logout == null ? List.of() : logout.getLogoutHandlers();
        for (LogoutHandler handler : handlers) {
            if (handler instanceof CsrfLogoutHandler csrf) {
                csrf.logout(request, response, null);
            }
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_TOKEN);
        }
    }
}
