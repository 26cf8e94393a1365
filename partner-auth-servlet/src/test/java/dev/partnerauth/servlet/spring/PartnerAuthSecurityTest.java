package dev.partnerauth.servlet.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.AdminAuthorizer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

class PartnerAuthSecurityTest {
    private static final String CHALLENGE = "Basic realm=\"CPQ\"";
    private final AdminAuthorizer authorizer = PartnerAuthSecurity.adminAuthority("ROLE_CPQ_ADMIN", CHALLENGE);

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private AdminAuthorizer.Decision as(Authentication login) {
        SecurityContextHolder.getContext().setAuthentication(login);
        return authorizer.authorize(new MockHttpServletRequest("POST", "/api/v1/admin/partner-auth/keys"));
    }

    @Test
    void adminAuthorityWhenNoLoginThenUnauthenticatedWithTheHostsChallenge() {
        AdminAuthorizer.Unauthenticated decision = assertInstanceOf(AdminAuthorizer.Unauthenticated.class, as(null));
        assertEquals(CHALLENGE, decision.challenge());
    }

    @Test
    void adminAuthorityWhenAnonymousThenUnauthenticated() {
        Authentication anonymous = new AnonymousAuthenticationToken("k", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS", "ROLE_CPQ_ADMIN"));
        assertInstanceOf(AdminAuthorizer.Unauthenticated.class, as(anonymous));
    }

    @Test
    void adminAuthorityWhenLoginHoldsTheAuthorityThenAllowedUnderTheLoginsName() {
        Authentication admin = UsernamePasswordAuthenticationToken.authenticated("carol", null,
                AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_CPQ_ADMIN"));
        assertEquals(new AdminAuthorizer.Allowed("carol"), as(admin));
    }

    @Test
    void adminAuthorityWhenPlainAuthorityThenMatchedExactlyWithoutARolePrefix() {
        AdminAuthorizer plain = PartnerAuthSecurity.adminAuthority("cpq:admin", CHALLENGE);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/admin/partner-auth/keys");

        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("erin", null,
                AuthorityUtils.createAuthorityList("cpq:admin")));
        assertEquals(new AdminAuthorizer.Allowed("erin"), plain.authorize(request));

        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("frank", null,
                AuthorityUtils.createAuthorityList("ROLE_cpq:admin", "CPQ:ADMIN")));
        assertInstanceOf(AdminAuthorizer.Denied.class, plain.authorize(request));
    }

    @Test
    void adminAuthorityWhenLoginLacksTheAuthorityThenDenied() {
        Authentication user = UsernamePasswordAuthenticationToken.authenticated("dave", null,
                AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_CPQ_ADMIN_READONLY", "CPQ_ADMIN"));
        assertInstanceOf(AdminAuthorizer.Denied.class, as(user));
    }

    @Test
    void adminAuthorityWhenLoginNotAuthenticatedThenUnauthenticated() {
        // an authentication request that no provider has accepted yet is not a login
        Authentication unchecked = UsernamePasswordAuthenticationToken.unauthenticated("carol", "guess");
        assertInstanceOf(AdminAuthorizer.Unauthenticated.class, as(unchecked));
    }

    @Test
    void adminAuthorityWhenPartnerUserThenDeniedEvenIfTheHostNamedThePartnerRole() {
        AdminAuthorizer partnerRole = PartnerAuthSecurity.adminAuthority("ROLE_partner", CHALLENGE);
        SecurityContextHolder.getContext().setAuthentication(new PartnerAuthentication(Partners.partner("admin")));
        assertInstanceOf(AdminAuthorizer.Denied.class,
                partnerRole.authorize(new MockHttpServletRequest("GET", "/api/v1/admin/partner-auth/keys")));
    }

    @Test
    void adminAuthorityWhenBlankAuthorityThenRefusedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> PartnerAuthSecurity.adminAuthority(" ", CHALLENGE));
        assertThrows(NullPointerException.class, () -> PartnerAuthSecurity.adminAuthority("ROLE_X", null));
    }

    @Test
    void partnerAuthenticationCarriesThePrincipalAndOnlyThePartnerRole() {
        PartnerPrincipal dana = Partners.partner("dana");
        PartnerAuthentication token = new PartnerAuthentication(dana);
        assertEquals(dana.getName(), token.getName());
        assertEquals(List.of("ROLE_partner"), token.getAuthorities().stream().map(a -> a.getAuthority()).toList());
        assertEquals(null, token.getCredentials());
        // a testing token with the same name is a host login, not a partner
        assertEquals(true, PartnerSecurityContextFilter.isHostLogin(new TestingAuthenticationToken("dana", null, "ROLE_partner")));
    }
}
