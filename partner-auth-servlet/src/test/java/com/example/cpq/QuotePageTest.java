package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.servlet.testkit.PartnerTestKit;
import dev.partnerauth.user.UserInformation;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The guides' "who is signed in" page does what they say it does. */
class QuotePageTest {
    private static final PartnerPrincipal DANA = new PartnerPrincipal(PartnerId.parse("prt_AcmePartner0001").orElseThrow(),
            new UserInformation("u-1", "dana@partner.example", "dana@partner.example", "Dana Partner",
                    null, null, null, null, null, null, null, null, null, null, null),
            KeyId.parse("AbCdEfGhIjKl").orElseThrow(), "Acme PRM", Instant.parse("2030-01-15T10:00:00Z"), Set.of("006A"));

    private static MockHttpServletResponse get(String pathInfo, PartnerPrincipal partner) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cpq" + pathInfo);
        request.setServletPath("/cpq");
        request.setPathInfo(pathInfo);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new QuotePage().service(partner == null ? request : PartnerTestKit.withPartner(request, partner), response);
        return response;
    }

    @Test
    void pageWhenPartnerOpenedTheOpportunityThenShowsThePrtIdAndTheName() throws Exception {
        MockHttpServletResponse page = get("/opportunities/006A/quotes/Q-1", DANA);

        assertEquals(200, page.getStatus());
        assertEquals("partner:prt_AcmePartner0001:u-1 partner=prt_AcmePartner0001 user=u-1 name=Dana Partner",
                page.getContentAsString());
    }

    @Test
    void pageWhenAnotherOpportunityThenForbidden() throws Exception {
        assertEquals(403, get("/opportunities/006B/quotes/Q-1", DANA).getStatus());
        assertEquals(403, get("/", DANA).getStatus());
    }

    @Test
    void pageWhenNoPartnerThenForbidden() throws Exception {
        assertEquals(403, get("/opportunities/006A/quotes/Q-1", null).getStatus());
    }
}
