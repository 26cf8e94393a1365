package dev.partnerauth.servlet.spring;

import dev.partnerauth.PartnerPrincipal;
import java.util.Objects;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * For a host's MockMvc tests: a request made as a signed-in partner user, as {@code @WithMockUser}
 * makes one as a host user. Needs {@code spring-test} and {@code spring-security-test} on the
 * test classpath.
 *
 * <pre>{@code
 * mvc.perform(get("/cpq/opportunities/006A").with(PartnerRequestPostProcessors.partner(principal)))
 * }</pre>
 */
public final class PartnerRequestPostProcessors {
    private PartnerRequestPostProcessors() {
    }

    /**
     * The request carries the partner in every place a host reads it: Spring's {@code
     * SecurityContext} (principal {@code principal}, authority {@code ROLE_partner}; loaded by the
     * security filter chain, which {@code @AutoConfigureMockMvc} or {@code springSecurity()} puts in
     * front of MockMvc), {@code getUserPrincipal()}, {@code isUserInRole("partner")} and {@code
     * PartnerSessions.principal(request)}. No launch code, session
     * or {@code PartnerAuth} is involved: for tests of the host's pages, not of the sign-in.
     */
    public static RequestPostProcessor partner(PartnerPrincipal principal) {
        Objects.requireNonNull(principal, "principal");
        RequestPostProcessor security = SecurityMockMvcRequestPostProcessors.authentication(new PartnerAuthentication(principal));
        return request -> {
            request.setUserPrincipal(principal);
            request.setAttribute(PartnerSecurityContextFilter.TEST_PRINCIPAL_ATTRIBUTE, principal);
            return security.postProcessRequest(request);
        };
    }
}
