package dev.partnerauth.servlet.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.partnerauth.servlet.internal.HostLogins;
import dev.partnerauth.servlet.internal.SignInHook;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

class SpringSignInTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /** Runs the filter, then (as the landing filter does at a sign-in) the hook it left in the request. */
    private static void signInThrough(SpringSignIn filter, MockHttpServletRequest request, MockHttpServletResponse response)
            throws Exception {
        filter.doFilter(request, response, (req, res) -> SignInHook.run((HttpServletRequest) req, (HttpServletResponse) res));
    }

    @Test
    void signInWhenSessionRepositoryHeldTokenThenTokenRemoved() throws Exception {
        HttpSessionCsrfTokenRepository repository = new HttpSessionCsrfTokenRepository();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cpq/x");
        MockHttpServletResponse response = new MockHttpServletResponse();
        CsrfToken fixed = repository.generateToken(request);
        repository.saveToken(fixed, request, response);

        signInThrough(new SpringSignIn(null), request, response);

        assertNull(repository.loadToken(request), "Spring makes a new token when a page next asks for one");
    }

    @Test
    void signInWhenCookieRepositoryRegisteredForLogoutThenCookieCleared() throws Exception {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        LogoutConfigurer<HttpSecurity> logout = new LogoutConfigurer<>();
        logout.addLogoutHandler(new CsrfLogoutHandler(repository));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cpq/x");
        request.setCookies(new Cookie("XSRF-TOKEN", "planted-from-a-sibling-subdomain"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        signInThrough(new SpringSignIn(logout), request, response);

        Cookie cleared = response.getCookie("XSRF-TOKEN");
        assertNotNull(cleared, "the planted token is replaced");
        assertEquals(0, cleared.getMaxAge());
    }

    @Test
    void requestWhenSpringLoginThenMarkedAsHostLogin() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "employee", null, AuthorityUtils.createAuthorityList("ROLE_CPQ_USER")));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/create/quote");
        AtomicReference<Object> seen = new AtomicReference<>();

        new SpringSignIn(null).doFilter(request, new MockHttpServletResponse(),
                (req, res) -> seen.set(req.getAttribute(HostLogins.ATTRIBUTE)));

        assertNotNull(seen.get());
    }

    @Test
    void requestWhenNoLoginThenNotMarked() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/create/quote");
        AtomicReference<Object> seen = new AtomicReference<>("unset");

        new SpringSignIn(null).doFilter(request, new MockHttpServletResponse(),
                (req, res) -> seen.set(req.getAttribute(HostLogins.ATTRIBUTE)));

        assertNull(seen.get());
    }
}
