package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.user.UserInformation;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The guides' launch authorizer allows what the CRM shares with the partner and refuses the rest. */
class SharedOpportunityAuthorizerTest {
    private static final PartnerId ACME = PartnerId.parse("prt_AcmePartner0001").orElseThrow();
    private static final PartnerId GLOBEX = PartnerId.parse("prt_GlobexPartner01").orElseThrow();
    private static final UserInformation USER = new UserInformation("u-1", "u@p.example", "u@p.example", "U",
            null, null, null, null, null, null, null, null, null, null, null);
    private final LaunchAuthorizer authorizer = new SharedOpportunityAuthorizer(
            id -> Map.of("006A", Set.of(ACME.value())).getOrDefault(id, Set.of()));

    @Test
    void decideWhenSharedWithThePartnerThenAllowed() {
        assertInstanceOf(LaunchAuthorizer.Allowed.class,
                authorizer.decide(ACME, USER, new LaunchRequest(LaunchAction.OPEN_QUOTE, "006A", "Q-1")));
    }

    @Test
    void decideWhenAnotherPartnersOpportunityThenRefusedWithAReasonForTheAudit() {
        LaunchAuthorizer.Refused refused = assertInstanceOf(LaunchAuthorizer.Refused.class,
                authorizer.decide(GLOBEX, USER, new LaunchRequest(LaunchAction.CREATE_QUOTE, "006A", null)));

        assertEquals("opportunity 006A is not shared with prt_GlobexPartner01", refused.reason());
    }
}
