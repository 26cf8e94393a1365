package com.example.cpq;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.PartnerSessions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The CPQ's quote page; it says who it sees, for the tests. */
@RestController
class QuotePages {
    @GetMapping("/cpq/opportunities/{opportunityId}/quotes/{quoteId}")
    String quote(@PathVariable String opportunityId, @PathVariable String quoteId, HttpServletRequest request) {
        Optional<PartnerPrincipal> partner = PartnerSessions.principal(request);
        return partner.map(p -> "partner=" + p.user().name() + "\nopportunity_allowed=" + p.mayAccessOpportunity(opportunityId))
                .orElse("anonymous") + "\n";
    }
}
