package dev.partnerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.user.UserInformation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartnerPrincipalTest {
    private static final KeyId KEY = new KeyId("AAAAAAAAAAAA");
    private static final KeyId ROLLED = new KeyId("BBBBBBBBBBBB");
    private static final PartnerId NORTHWIND = new PartnerId("prt_northwind0000000");
    private static final PartnerId CONTOSO = new PartnerId("prt_contoso000000000");

    private static PartnerPrincipal principal(PartnerId partner, String userId, KeyId key, Set<String> opportunities) {
        UserInformation user = new UserInformation(userId, "admin", "a@example.com", "A", null, null, null, null, null,
                null, null, null, null, null, null);
        return new PartnerPrincipal(partner, user, key, "Acme", Instant.EPOCH, opportunities);
    }

    private static PartnerPrincipal principal(String userId, KeyId key, Set<String> opportunities) {
        return principal(NORTHWIND, userId, key, opportunities);
    }

    @Test
    void getNameWhenAnyUserIdThenPartnerAndUserNeverThePrmsLogin() {
        assertEquals("partner:prt_northwind0000000:u1", principal("u1", KEY, Set.of()).getName());
        assertNotEquals("admin", principal("admin", KEY, Set.of()).getName());
        // a user_id that looks like another partner's name still names this partner first
        PartnerPrincipal crafted = principal(CONTOSO, "prt_northwind0000000:u1", KEY, Set.of());
        assertEquals("partner:prt_contoso000000000:prt_northwind0000000:u1", crafted.getName());
        assertNotEquals(principal("u1", KEY, Set.of()).getName(), crafted.getName());
    }

    @Test
    void sameIdentityWhenSamePartnerAndUserThroughAnyKeyThenTrueOtherwiseFalse() {
        assertTrue(principal("u1", KEY, Set.of()).sameIdentity(principal("u1", ROLLED, Set.of("006B"))));
        assertFalse(principal("u1", KEY, Set.of()).sameIdentity(principal(CONTOSO, "u1", KEY, Set.of())));
        assertFalse(principal("u1", KEY, Set.of()).sameIdentity(principal("u2", KEY, Set.of())));
        assertFalse(principal("u1", KEY, Set.of()).sameIdentity(null));
    }

    @Test
    void mergedWhenSameUserAndKeyThenOpportunitiesAccumulate() {
        PartnerPrincipal merged = principal("u1", KEY, Set.of("006A")).mergedWith(principal("u1", KEY, Set.of("006B")));

        assertEquals(Set.of("006A", "006B"), merged.opportunityIds());
    }

    @Test
    void mergedWhenSameIdentityThroughRolledKeyThenAccumulatesUnderTheLaterKey() {
        PartnerPrincipal merged = principal("u1", KEY, Set.of("006A")).mergedWith(principal("u1", ROLLED, Set.of("006B")));

        assertEquals(Set.of("006A", "006B"), merged.opportunityIds());
        assertEquals(ROLLED, merged.keyId());
    }

    @Test
    void mergedWhenSameUserRelaunchesPastTheBoundThenOldestIdsDroppedAndNewestKept() {
        PartnerPrincipal session = principal("u1", KEY, Set.of("006-0"));
        for (int i = 1; i < 250; i++) {
            session = session.mergedWith(principal("u1", KEY, Set.of("006-" + i)));
        }

        assertEquals(PartnerPrincipal.MAX_OPPORTUNITY_IDS, session.opportunityIds().size());
        assertTrue(session.mayAccessOpportunity("006-249"), "the launch just made is always kept");
        assertTrue(session.mayAccessOpportunity("006-150"));
        assertFalse(session.mayAccessOpportunity("006-149"), "the oldest went first");
        assertFalse(session.mayAccessOpportunity("006-0"));
    }

    @Test
    void mergedWhenAnOldIdIsRelaunchedThenItIsNewestAgainAndSurvivesTheBound() {
        PartnerPrincipal session = principal("u1", KEY, Set.of("006-FIRST"));
        for (int i = 1; i < PartnerPrincipal.MAX_OPPORTUNITY_IDS; i++) {
            session = session.mergedWith(principal("u1", KEY, Set.of("006-" + i)));
        }
        session = session.mergedWith(principal("u1", KEY, Set.of("006-FIRST")));

        session = session.mergedWith(principal("u1", KEY, Set.of("006-LAST")));

        assertTrue(session.mayAccessOpportunity("006-FIRST"));
        assertFalse(session.mayAccessOpportunity("006-1"));
    }

    @Test
    void mergedWhenOtherUserThenRefused() {
        PartnerPrincipal later = principal("u2", KEY, Set.of("006B"));

        assertThrows(IllegalArgumentException.class, () -> principal("u1", KEY, Set.of("006A")).mergedWith(later));
    }

    @Test
    void mergedWhenSameUserIdOfAnotherPartnerThenRefused() {
        PartnerPrincipal ofContoso = principal(CONTOSO, "u1", KEY, Set.of("006B"));

        assertThrows(IllegalArgumentException.class, () -> principal("u1", KEY, Set.of("006A")).mergedWith(ofContoso));
    }

    @Test
    void serializeWhenSessionPersistedThenRoundTrips() throws Exception {
        PartnerPrincipal principal = principal("u1", KEY, Set.of("006A"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(principal);
        }

        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(principal, in.readObject());
        }
    }
}
