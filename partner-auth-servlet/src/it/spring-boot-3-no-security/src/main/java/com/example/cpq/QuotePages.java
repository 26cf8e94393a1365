package com.example.cpq;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.PartnerSessions;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The CPQ's quote page; it says who it sees, for the test. */
@RestController
class QuotePages {
    @GetMapping("/cpq/opportunities/{opportunityId}/quotes/{quoteId}")
    String quote(@PathVariable String opportunityId, @PathVariable String quoteId, HttpServletRequest request) {
        PartnerPrincipal partner = PartnerSessions.principal(request)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
        if (!partner.mayAccessOpportunity(opportunityId)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return "partner=" + partner.user().name() + "\n"
                + "user_principal=" + (request.getUserPrincipal() instanceof PartnerPrincipal p ? p.user().login() : null) + "\n"
                + "partner_role=" + request.isUserInRole("partner") + "\n"
                + "quote=" + quoteId + "\n";
    }
}
