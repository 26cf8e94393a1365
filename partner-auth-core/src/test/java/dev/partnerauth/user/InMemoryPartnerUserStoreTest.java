package dev.partnerauth.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.ConflictException;
import dev.partnerauth.Problem;
import dev.partnerauth.key.PartnerId;
import java.time.Instant;
import java.util.List;
import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryPartnerUserStoreTest extends PartnerUserStoreContract {
    private static final PartnerId ACME = new PartnerId("prt_acme000000000000");
    private static final PartnerId GLOBEX = new PartnerId("prt_globex0000000000");
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private PartnerUserStore store;

    @BeforeEach
    void setUp() {
        store = new InMemoryPartnerUserStore();
    }

    @Override
    protected PartnerUserStore store() {
        return store;
    }

    private static UserInformation user(String userId) {
        return new UserInformation(userId, "login-" + userId, userId + "@example.com", "Name " + userId, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    @Test
    void upsertWhenPartnerAtItsUserBoundThenNewUserRefusedAndExistingOnesAndOtherPartnersUnaffected() {
        InMemoryPartnerUserStore bounded = new InMemoryPartnerUserStore(3);
        for (int i = 0; i < 3; i++) {
            bounded.upsert(ACME, user("u-" + i), NOW);
        }

        ConflictException e = assertThrows(ConflictException.class, () -> bounded.upsert(ACME, user("u-3"), NOW));

        assertEquals(409, e.status());
        assertEquals(List.of(new Problem("USER_LIMIT_REACHED", "This partner has reached its limit of 3 users",
                "user_information.user_id")), e.problems());
        assertTrue(bounded.find(ACME, "u-3").isEmpty());
        assertEquals("u-0", bounded.upsert(ACME, user("u-0"), NOW.plusSeconds(1)).userId());
        assertEquals("u-0", bounded.upsert(GLOBEX, user("u-0"), NOW).userId());
    }

    @Test
    void upsertWhenManyThreadsAddNewUsersAtOnceThenNeverMoreThanTheBound() throws Exception {
        InMemoryPartnerUserStore bounded = new InMemoryPartnerUserStore(50);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = "u-" + i;
                done.add(pool.submit(() -> {
                    try {
                        bounded.upsert(ACME, user(id), NOW);
                    } catch (ConflictException refused) {
                        // past the bound
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(50, bounded.list(ACME, 1000).size());
    }

    @Test
    void constructWhenBoundNotPositiveThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryPartnerUserStore(0));
    }
}
