package dev.partnerauth.servlet.spring;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.user.UserInformation;
import java.time.Instant;
import java.util.Set;

/** A partner principal for tests that need one without the sign-in flow. */
final class Partners {
    private Partners() {
    }

    static PartnerPrincipal partner(String login) {
        UserInformation user = new UserInformation("005xx000001Sv6EAAS", login, login + "@partner.example", "Dana Partner",
                null, null, null, null, null, null, null, null, null, null, null);
        return new PartnerPrincipal(PartnerId.parse("prt_AcmePartner0001").orElseThrow(), user, KeyId.parse("AbCdEfGhIjKl").orElseThrow(), "Acme PRM",
                Instant.parse("2030-01-15T10:00:00Z"), Set.of("006A"));
    }
}
