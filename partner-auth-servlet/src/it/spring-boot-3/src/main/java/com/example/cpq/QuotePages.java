package com.example.cpq;

import dev.partnerauth.PartnerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The CPQ's pages that launch URLs point at; each says who it sees, for the tests. */
@RestController
class QuotePages {
    // README:begin spring-boot-who
    // the partner comes from Spring Security's SecurityContext, where partner-auth's chain put it: null for your own users
    @GetMapping("/cpq/opportunities/{opportunityId}/quotes/{quoteId}")
    String quote(@PathVariable String opportunityId, @PathVariable String quoteId,
                 @AuthenticationPrincipal PartnerPrincipal partner, HttpServletRequest request) {
        return page(opportunityId, partner, request) + "quote=" + quoteId + "\n";
    }

    @GetMapping("/cpq/opportunities/{opportunityId}")
    String opportunity(@PathVariable String opportunityId, @AuthenticationPrincipal PartnerPrincipal partner,
                       HttpServletRequest request) {
        return page(opportunityId, partner, request);
    }

    private static String page(String opportunityId, PartnerPrincipal partner, HttpServletRequest request) {
        if (partner == null) { // a CPQ employee
            return "employee=" + request.getRemoteUser() + "\n";
        }
        if (!partner.mayAccessOpportunity(opportunityId)) { // keep the partner inside what was opened
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Authentication spring = SecurityContextHolder.getContext().getAuthentication();
        return "partner=" + partner.user().name() + "\n"
                + "user_principal=" + (request.getUserPrincipal() instanceof PartnerPrincipal p ? p.user().login() : null) + "\n"
                + "security_context=" + (spring.getPrincipal() instanceof PartnerPrincipal p ? p.user().login() : null) + "\n"
                + "authorities=" + spring.getAuthorities() + "\n"
                + "partner_role=" + request.isUserInRole("partner") + "\n";
    }
    // README:end
}
