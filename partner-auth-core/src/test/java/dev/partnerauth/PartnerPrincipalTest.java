package dev.partnerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.partnerauth.key.KeyId;
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

    private static PartnerPrincipal principal(String userId, KeyId key, Set<String> opportunities) {
        UserInformation user = new UserInformation(userId, "login", "a@example.com", "A", null, null, null, null, null,
                null, null, null, null, null, null);
        return new PartnerPrincipal(new dev.partnerauth.key.PartnerId("prt_testpartner0") ,user, key, "Acme", Instant.EPOCH, opportunities);
    }

    @Test
    void mergedWhenSameUserAndKeyThenOpportunitiesAccumulate() {
        PartnerPrincipal merged = principal("u1", KEY, Set.of("006A")).mergedWith(principal("u1", KEY, Set.of("006B")));

        assertEquals(Set.of("006A", "006B"), merged.opportunityIds());
    }

    @Test
    void mergedWhenOtherUserThenLaterReplaces() {
        PartnerPrincipal later = principal("u2", KEY, Set.of("006B"));

        assertSame(later, principal("u1", KEY, Set.of("006A")).mergedWith(later));
        assertFalse(later.mayAccessOpportunity("006A"));
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
