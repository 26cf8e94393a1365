package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.servlet.internal.PartnerRequest;
import dev.partnerauth.user.UserInformation;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminAuthorizerTest {
    private static final String CHALLENGE = "Basic realm=\"CPQ\"";
    private static final PartnerPrincipal PARTNER = new PartnerPrincipal(PartnerId.parse("prt_AcmePartner0001").orElseThrow(),
            new UserInformation("admin", "admin", "admin@partner.example", "Admin of the PRM",
                    null, null, null, null, null, null, null, null, null, null, null),
            KeyId.parse("AbCdEfGhIjKl").orElseThrow(), "Acme PRM", Instant.parse("2030-01-15T10:00:00Z"), Set.of());

    /** A request of the container: {@code user} signed in, {@code isUserInRole} true for every role in {@code roles}. */
    private static HttpServletRequest request(Principal user, Set<String> roles) {
        return (HttpServletRequest) Proxy.newProxyInstance(AdminAuthorizerTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUserPrincipal" -> user;
                    case "isUserInRole" -> roles.contains((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void containerRoleWhenPartnerRoleNamedThenRefusedAtConstruction() {
        for (String role : new String[] {"partner", "Partner", " partner "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AdminAuthorizer.containerRole(role, CHALLENGE));
            assertTrue(e.getMessage().contains("role of every partner user"), e.getMessage());
        }
    }

    @Test
    void containerRoleWhenBlankRoleThenRefusedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> AdminAuthorizer.containerRole(" ", CHALLENGE));
    }

    @Test
    void containerRoleWhenPartnerUserThenDeniedEvenIfAWrapperAnswersTheAdminRole() {
        AdminAuthorizer authorizer = AdminAuthorizer.containerRole("cpq-admin", CHALLENGE);
        // a host's wrapper over the partner request that answers every role: the principal still is a partner
        HttpServletRequest partner = PartnerRequest.withWrappedRoles(request(null, Set.of("cpq-admin", "partner")), PARTNER);

        assertInstanceOf(AdminAuthorizer.Denied.class, authorizer.authorize(partner));
    }

    @Test
    void containerRoleWhenContainerUserHasTheRoleThenAllowedByName() {
        AdminAuthorizer authorizer = AdminAuthorizer.containerRole("cpq-admin", CHALLENGE);

        AdminAuthorizer.Decision decision = authorizer.authorize(request(() -> "alice", Set.of("cpq-admin")));

        assertEquals(new AdminAuthorizer.Allowed("alice"), decision);
        assertInstanceOf(AdminAuthorizer.Denied.class, authorizer.authorize(request(() -> "bob", Set.of("cpq-user"))));
        assertEquals(new AdminAuthorizer.Unauthenticated(CHALLENGE), authorizer.authorize(request(null, Set.of())));
    }
}
