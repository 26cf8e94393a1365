package com.example.cpq;

import dev.partnerauth.LaunchRequest;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.user.UserInformation;
import java.util.Objects;
import java.util.Set;

/** A launch authorizer as the guides show it; {@code SharedOpportunityAuthorizerTest} runs it. */
// README:begin guide-launch-authorizer
/** A partner opens only the opportunities (and their quotes) that the CRM shares with it. */
public final class SharedOpportunityAuthorizer implements LaunchAuthorizer {
    /** The host's CRM: the partners an opportunity is shared with, by their "prt_…" ids. */
    public interface Crm {
        Set<String> partnersOf(String opportunityId);
    }

    private final Crm crm;

    public SharedOpportunityAuthorizer(Crm crm) {
        this.crm = Objects.requireNonNull(crm, "crm");
    }

    @Override
    public Decision decide(PartnerId partner, UserInformation user, LaunchRequest request) {
        // request.action(): CREATE_QUOTE, OPEN_QUOTE or OPEN_OPPORTUNITY; request.quoteId() is null but for OPEN_QUOTE
        if (!crm.partnersOf(request.opportunityId()).contains(partner.value())) {
            // 403 Forbidden to the PRM, the token stays unspent; the reason goes to the audit log only
            return new Refused("opportunity " + request.opportunityId() + " is not shared with " + partner.value());
        }
        return new Allowed();
    }
}
// README:end
