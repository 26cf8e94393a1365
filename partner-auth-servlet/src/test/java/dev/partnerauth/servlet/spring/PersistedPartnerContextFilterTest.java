package dev.partnerauth.servlet.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

class PersistedPartnerContextFilterTest {
    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /** Runs the filter; what the next filter saw in the context. */
    private static Authentication run(MockHttpServletRequest request) throws Exception {
        Authentication[] seen = new Authentication[1];
        new PersistedPartnerContextFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
            @Override
            public void doFilter(ServletRequest req, ServletResponse res) {
                seen[0] = SecurityContextHolder.getContext().getAuthentication();
            }
        });
        return seen[0];
    }

    @Test
    void partnerTokenLoadedFromTheSessionThenDroppedAndRemovedFromTheSession() throws Exception {
        SecurityContext persisted = new SecurityContextImpl(new PartnerAuthentication(Partners.partner("dana")));
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, persisted);
        session.setAttribute("host.cart", "kept");
        SecurityContextHolder.setContext(persisted);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cpq/opportunities/006A");
        request.setSession(session);

        assertNull(run(request), "no filter after this one sees the persisted partner");
        assertNull(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY));
        assertEquals("kept", session.getAttribute("host.cart"));
    }

    @Test
    void hostLoginLoadedFromTheSessionThenKept() throws Exception {
        Authentication carol = UsernamePasswordAuthenticationToken.authenticated("carol", null,
                AuthorityUtils.createAuthorityList("ROLE_CPQ_ADMIN"));
        SecurityContext persisted = new SecurityContextImpl(carol);
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, persisted);
        SecurityContextHolder.setContext(persisted);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cpq/");
        request.setSession(session);

        assertSame(carol, run(request));
        assertSame(persisted, session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY));
    }

    @Test
    void partnerTokenThenSpringsSessionRepositoryNeverSavesIt() {
        // the first defence: the token is @Transient, so neither an explicit save nor the legacy auto-save stores it
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cpq/");
        new HttpSessionSecurityContextRepository().saveContext(
                new SecurityContextImpl(new PartnerAuthentication(Partners.partner("dana"))), request, new MockHttpServletResponse());

        assertNull(request.getSession(false));
    }
}
