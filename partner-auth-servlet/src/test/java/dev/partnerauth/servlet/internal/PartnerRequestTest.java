package dev.partnerauth.servlet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.servlet.testkit.PartnerTestKit;
import dev.partnerauth.user.UserInformation;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartnerRequestTest {
    private static final PartnerPrincipal PARTNER = new PartnerPrincipal(
            PartnerId.parse("prt_AcmePartner0001").orElseThrow(),
            new UserInformation("005xx000001Sv6EAAS", "dana", "dana@partner.example", "Dana Partner",
                    null, null, null, null, null, null, null, null, null, null, null),
            KeyId.parse("AbCdEfGhIjKl").orElseThrow(), "Acme PRM", Instant.parse("2030-01-15T10:00:00Z"), Set.of("006A"));

    /** A request that is in every role and has its own auth type, as a container's signed-in request would. */
    private static HttpServletRequest containerRequest() {
        return (HttpServletRequest) Proxy.newProxyInstance(PartnerRequestTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isUserInRole" -> true;
                    case "getAuthType" -> "FORM";
                    default -> null;
                });
    }

    @Test
    void withPartnerRoleWhenAskedThenPartnerIsPrincipalAndOnlyRoleIsPartner() {
        HttpServletRequest request = PartnerRequest.withPartnerRole(containerRequest(), PARTNER);

        assertEquals(PARTNER, request.getUserPrincipal());
        assertEquals(PARTNER.getName(), request.getRemoteUser());
        assertEquals("PARTNER", request.getAuthType());
        assertTrue(request.isUserInRole("partner"));
        assertFalse(request.isUserInRole("admin"));
    }

    @Test
    void withWrappedRolesWhenAskedThenRolesAreTheWrappedRequestsAnswers() {
        HttpServletRequest request = PartnerRequest.withWrappedRoles(containerRequest(), PARTNER);

        assertEquals(PARTNER, request.getUserPrincipal());
        assertEquals("PARTNER", request.getAuthType());
        assertTrue(request.isUserInRole("admin"));
    }

    @Test
    void testKitWhenWrappingThenAnswersAsTheLandingFilterDoes() {
        HttpServletRequest request = PartnerTestKit.withPartner(containerRequest(), PARTNER);

        assertEquals("PARTNER", request.getAuthType());
        assertFalse(request.isUserInRole("admin"));
    }
}
