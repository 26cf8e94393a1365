package com.example.cpq;

import static dev.partnerauth.servlet.spring.PartnerRequestPostProcessors.partner;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.user.UserInformation;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/** The host's pages tested without the sign-in flow: MockMvc requests made as a partner user. */
@SpringBootTest(properties = {
        "PARTNER_AUTH_PEPPER=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "cpq.public-url=http://localhost",
        "cpq.admin-password=admin-password-for-tests",
        "cpq.employee-password=employee-password-for-tests"})
@AutoConfigureMockMvc
class QuotePagesMockMvcTest {
    @Autowired
    MockMvc mvc;

    // README:begin spring-mockmvc-partner
    private static final PartnerPrincipal DANA = new PartnerPrincipal(PartnerId.parse("prt_AcmePartner0001").orElseThrow(),
            new UserInformation("u-1", "dana@partner.example", "dana@partner.example", "Dana Partner",
                    null, null, null, null, null, null, null, null, null, null, null),
            KeyId.parse("AbCdEfGhIjKl").orElseThrow(), "Acme PRM", Instant.parse("2030-01-15T10:00:00Z"),
            Set.of("006A"));

    @Test
    void partnerOpensAQuoteOfItsOpportunity() throws Exception {
        mvc.perform(get("/cpq/opportunities/006A/quotes/Q-1").with(partner(DANA)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("security_context=dana@partner.example")))
                .andExpect(content().string(containsString("user_principal=dana@partner.example")))
                .andExpect(content().string(containsString("partner_role=true")));
    }
    // README:end

    @Test
    void partnerOnAnotherOpportunityThenForbidden() throws Exception {
        mvc.perform(get("/cpq/opportunities/006B").with(partner(DANA))).andExpect(status().isForbidden());
    }

    @Test
    @WithMockUser(roles = "CPQ_USER")
    void mockUserIsAnEmployeeNotAPartner() throws Exception {
        mvc.perform(get("/cpq/opportunities/006A")).andExpect(status().isOk())
                .andExpect(content().string("employee=user\n"));
    }

    @Test
    void partnerIsNoAdmin() throws Exception {
        mvc.perform(get("/api/v1/admin/partner-auth/keys").with(partner(DANA))).andExpect(status().isForbidden());
    }
}
