package com.example.cpq;

import dev.partnerauth.PartnerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The CPQ's pages that launch URLs point at; each says who it sees, for the tests. */
@RestController
class QuotePages {
    @GetMapping("/cpq/opportunities/{opportunityId}/quotes/{quoteId}")
    String quote(@PathVariable String opportunityId, @PathVariable String quoteId,
                 @AuthenticationPrincipal PartnerPrincipal partner, HttpServletRequest request) {
        return opportunity(opportunityId, partner, request) + "quote=" + quoteId + "\n";
    }

    @GetMapping("/cpq/opportunities/{opportunityId}")
    String opportunity(@PathVariable String opportunityId, @AuthenticationPrincipal PartnerPrincipal partner,
                       HttpServletRequest request) {
        if (partner == null) {
            return "employee=" + request.getRemoteUser() + "\n";
        }
        if (!partner.mayAccessOpportunity(opportunityId)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return "partner=" + partner.user().name() + "\nuser_principal=" + request.getUserPrincipal().getName() + "\n";
    }
}
