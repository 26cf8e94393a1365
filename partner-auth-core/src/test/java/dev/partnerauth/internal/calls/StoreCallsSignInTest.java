package dev.partnerauth.internal.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.internal.key.KeyService;
import dev.partnerauth.internal.memory.InMemoryAuditLog;
import dev.partnerauth.internal.memory.InMemoryKeyStore;
import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import dev.partnerauth.internal.memory.InMemorySettingsStore;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.internal.token.TokenService;
import dev.partnerauth.internal.token.TokenService.NewGrant;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.UserInformation;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link StoreCalls#signIn}: what the token's grant is made of. */
class StoreCallsSignInTest {
    private static final PartnerId PARTNER = new PartnerId("prt_testpartner0");
    private static final KeyId KEY = new KeyId("AAAAAAAAAAA1");

    private final MutableClock clock = new MutableClock();
    private final SecureRandom random = new SecureRandom();
    private final InMemoryPartnerUserStore users = new InMemoryPartnerUserStore();
    private final CaffeineGrantStore grants = new CaffeineGrantStore(clock, clock.ticker(), 1000);
    private final TokenService tokens = new TokenService(new InMemorySigningKeyStore(), grants, clock, random,
            Duration.ofSeconds(60));
    private final StoreCalls calls = new StoreCalls(new InMemorySettingsStore(),
            new KeyService(new InMemoryKeyStore(), KeyPepper.of(new byte[32]), e -> { }, clock, random), users, grants,
            new InMemoryAuditLog(10));
    private final AuditEvent accepted = new AuditEvent(clock.instant(), AuditEventType.AUTHENTICATE_ACCEPTED,
            KEY.value(), "u-1", "127.0.0.1", null, null, PARTNER.value(), null);

    private static UserInformation information(String userId) {
        return new UserInformation(userId, "u-1", "u-1@partner.example", "Partner u-1",
                null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void signInWhenTheUserReturnsThenTheGrantHoldsTheStoredUsersIdNotTheRequests() {
        PartnerUser stored = users.upsert(PARTNER, information("u-1"), clock.instant());
        // what a request parses: an equal string, but a new one
        String parsed = new String("u-1");
        NewGrant[] minted = new NewGrant[1];

        calls.signIn(PARTNER, KEY, information(parsed), Optional::empty, clock.instant(), (userId, generation) -> {
            minted[0] = tokens.newAccessToken(KEY, PARTNER, userId, generation);
            return minted[0];
        }, accepted);

        PendingGrant held = grants.consume(GrantKind.ACCESS_TOKEN, minted[0].digest(), clock.instant()).orElseThrow();
        assertEquals(parsed, held.userId());
        assertNotSame(parsed, held.userId());
        assertSame(stored.userId(), held.userId());
    }
}
