package dev.partnerauth.servlet.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.PartnerSessions;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.TestSecurityContextHolder;

class PartnerRequestPostProcessorsTest {
    @AfterEach
    void clear() {
        TestSecurityContextHolder.clearContext();
        SecurityContextHolder.clearContext();
    }

    @Test
    void partnerThenRequestAndSecurityContextCarryThePartner() {
        PartnerPrincipal dana = Partners.partner("dana");
        MockHttpServletRequest request = PartnerRequestPostProcessors.partner(dana)
                .postProcessRequest(new MockHttpServletRequest("GET", "/cpq/opportunities/006A"));

        assertSame(dana, request.getUserPrincipal());
        assertEquals(Optional.of(dana), PartnerSessions.principal(request));
        // what the security filter chain of MockMvc loads for this request: spring-security-test's
        // repository keeps it in a request attribute (the token is @Transient, never in the session)
        SecurityContext loaded = Collections.list(request.getAttributeNames()).stream().map(request::getAttribute)
                .filter(SecurityContext.class::isInstance).map(SecurityContext.class::cast).findFirst().orElseThrow();
        PartnerAuthentication token = assertInstanceOf(PartnerAuthentication.class, loaded.getAuthentication());
        assertSame(dana, token.getPrincipal());
    }
}
