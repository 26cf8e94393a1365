package dev.partnerauth.servlet.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

class HostLoginLaunchGuardTest {
    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static MockHttpServletRequest launch(String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cpq/opportunities/006A");
        request.setQueryString(query);
        return request;
    }

    @Test
    void launchIntoHostLoginThenRefusedWith409AndTheCodeNotPassedOn() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "carol", null, AuthorityUtils.createAuthorityList("ROLE_CPQ_ADMIN")));
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        new HostLoginLaunchGuard().doFilter(launch("launch=plc_abc&tab=quotes"), response, chain);

        assertEquals(409, response.getStatus());
        assertNull(chain.getRequest(), "the landing filter must not see the code");
        assertEquals("no-referrer", response.getHeader("Referrer-Policy"));
        assertEquals("no-store", response.getHeader("Cache-Control"));
        assertTrue(response.getContentAsString().contains("Sign out"));
        assertFalse(response.getContentAsString().contains("plc_abc"));
    }

    @Test
    void launchWithoutLoginThenPassedToTheLanding() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        new HostLoginLaunchGuard().doFilter(launch("launch=plc_abc"), new MockHttpServletResponse(), chain);
        assertNotNull(chain.getRequest());
    }

    @Test
    void launchWhenAnonymousTokenThenPassedToTheLanding() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("k", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        MockFilterChain chain = new MockFilterChain();
        new HostLoginLaunchGuard().doFilter(launch("launch=plc_abc"), new MockHttpServletResponse(), chain);
        assertNotNull(chain.getRequest());
    }

    @Test
    void hostLoginWithoutLaunchCodeThenPassedOn() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "carol", null, AuthorityUtils.createAuthorityList("ROLE_USER")));
        MockFilterChain chain = new MockFilterChain();
        new HostLoginLaunchGuard().doFilter(launch("tab=launcher&relaunch=1"), new MockHttpServletResponse(), chain);
        assertNotNull(chain.getRequest());
    }

    @ParameterizedTest
    @ValueSource(strings = {"launch=x", "launch", "a=1&launch=x", "LAUNCH=x", "%6Caunch=x", "launch=", "a&&launch=x&b"})
    void carriesLaunchCodeWhenAnySpellingTheLandingMightRedeem(String query) {
        assertTrue(HostLoginLaunchGuard.carriesLaunchCode(query), query);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "relaunch=x", "launcher=x", "q=launch", "%zz=launch"})
    void carriesLaunchCodeWhenNoLaunchParameterThenFalse(String query) {
        assertFalse(HostLoginLaunchGuard.carriesLaunchCode(query), query);
    }
}
