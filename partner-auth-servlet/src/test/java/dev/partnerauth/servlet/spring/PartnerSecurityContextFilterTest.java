package dev.partnerauth.servlet.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.PartnerSessions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

class PartnerSecurityContextFilterTest {
    private final PartnerPrincipal dana = Partners.partner("dana");

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /** What the host's page saw. */
    private record Seen(HttpServletRequest request, Authentication authentication) {
    }

    private Seen run(MockHttpServletRequest request) throws Exception {
        Authentication[] inside = new Authentication[1];
        MockFilterChain chain = new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                inside[0] = SecurityContextHolder.getContext().getAuthentication();
                try {
                    super.doFilter(req, res);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        new PartnerSecurityContextFilter().doFilter(request, new MockHttpServletResponse(), chain);
        return new Seen((HttpServletRequest) chain.getRequest(), inside[0]);
    }

    /** A request as the landing filter hands it on for a signed-in partner. */
    private MockHttpServletRequest partnerRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cpq/opportunities/006A");
        request.setUserPrincipal(dana);
        return request;
    }

    @Test
    void partnerSessionThenSpringSeesThePartnerWithThePartnerRole() throws Exception {
        Seen seen = run(partnerRequest());
        PartnerAuthentication token = assertInstanceOf(PartnerAuthentication.class, seen.authentication());
        assertSame(dana, token.getPrincipal());
        assertEquals("ROLE_partner", token.getAuthorities().iterator().next().getAuthority());
        assertSame(dana, seen.request().getUserPrincipal());
        assertEquals(dana.getName(), seen.request().getRemoteUser());
        assertEquals(Optional.of(dana), PartnerSessions.principal(seen.request()));
    }

    @Test
    void noPartnerSessionThenContextUntouched() throws Exception {
        Seen seen = run(new MockHttpServletRequest("GET", "/cpq/"));
        assertNull(seen.authentication());
        assertNull(seen.request().getUserPrincipal());
    }

    @Test
    void hostLoginAndPartnerSessionThenHostLoginWinsAndPartnerIsHidden() throws Exception {
        Authentication carol = UsernamePasswordAuthenticationToken.authenticated("carol", null,
                AuthorityUtils.createAuthorityList("ROLE_CPQ_ADMIN"));
        SecurityContextHolder.getContext().setAuthentication(carol);
        MockHttpServletRequest request = partnerRequest();
        request.setAttribute("some.landing.attribute", dana);
        request.setAttribute("unrelated", "kept");
        request.addUserRole("partner");

        Seen seen = run(request);

        assertSame(carol, seen.authentication());
        assertNull(seen.request().getUserPrincipal());
        assertNull(seen.request().getRemoteUser());
        assertNull(seen.request().getAttribute("some.landing.attribute"));
        assertEquals("kept", seen.request().getAttribute("unrelated"));
        assertFalse(seen.request().isUserInRole("partner"));
        assertEquals(Optional.empty(), PartnerSessions.principal(seen.request()));
    }

    @Test
    void partnerTokenLeftInContextWithoutPartnerSessionThenCleared() throws Exception {
        // a session that ended (revoked, signed out) while an auto-saving repository kept its token
        SecurityContextHolder.getContext().setAuthentication(new PartnerAuthentication(dana));
        Seen seen = run(new MockHttpServletRequest("GET", "/cpq/"));
        assertNull(seen.authentication());
        assertTrue(seen.request().getUserPrincipal() == null);
    }

    @Test
    void partnerTokenOfAnotherUserInContextThenReplacedByTheSessionsPartner() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new PartnerAuthentication(Partners.partner("erin")));
        Seen seen = run(partnerRequest());
        assertSame(dana, seen.authentication().getPrincipal());
    }
}
