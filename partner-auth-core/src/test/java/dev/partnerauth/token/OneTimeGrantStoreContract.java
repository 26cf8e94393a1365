package dev.partnerauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.key.KeyId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link OneTimeGrantStore} must do; run against each implementation by a subclass. */
public abstract class OneTimeGrantStoreContract {
    /** The "now" of every test; grants expire after it unless a test says otherwise. */
    protected static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final KeyId KEY_A = new KeyId("AAAAAAAAAAA1");
    static final KeyId KEY_B = new KeyId("BBBBBBBBBBB2");

    /**
     * An empty store, fresh for each test, whose own notion of time (if any) is well before
     * {@link #NOW}: expiry is judged by the instants the tests pass.
     */
    protected abstract OneTimeGrantStore store();

    static PendingGrant grant(KeyId key, Instant expiresAt, String... opportunities) {
        return new PendingGrant(key, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", Set.of(opportunities), expiresAt);
    }

    static GrantDigest digest(String credential) {
        return GrantDigest.of(credential);
    }

    @Test
    void isOutstandingWhenSavedThenTrueAndGrantStillConsumableOnce() {
        store().save(GrantKind.ACCESS_TOKEN, digest("token-1"), grant(KEY_A, NOW.plusSeconds(60)));

        assertTrue(store().isOutstanding(GrantKind.ACCESS_TOKEN, digest("token-1"), NOW));
        assertTrue(store().isOutstanding(GrantKind.ACCESS_TOKEN, digest("token-1"), NOW));
        assertTrue(store().consume(GrantKind.ACCESS_TOKEN, digest("token-1"), NOW).isPresent());
        assertFalse(store().isOutstanding(GrantKind.ACCESS_TOKEN, digest("token-1"), NOW));
    }

    @Test
    void isOutstandingWhenUnknownExpiredOrOtherKindThenFalse() {
        store().save(GrantKind.ACCESS_TOKEN, digest("token-1"), grant(KEY_A, NOW.plusSeconds(60)));

        assertFalse(store().isOutstanding(GrantKind.ACCESS_TOKEN, digest("token-2"), NOW));
        assertFalse(store().isOutstanding(GrantKind.LAUNCH_CODE, digest("token-1"), NOW));
        assertFalse(store().isOutstanding(GrantKind.ACCESS_TOKEN, digest("token-1"), NOW.plusSeconds(60)));
    }

    @Test
    void consumeReturnsTheSavedGrantOnce() {
        PendingGrant grant = grant(KEY_A, NOW.plusSeconds(60), "006A", "006B");
        store().save(GrantKind.LAUNCH_CODE, digest("code-1"), grant);
        assertEquals(Optional.of(grant), store().consume(GrantKind.LAUNCH_CODE, digest("code-1"), NOW));
        assertTrue(store().consume(GrantKind.LAUNCH_CODE, digest("code-1"), NOW).isEmpty());
    }

    @Test
    void consumeWhenIssuedInALaterSessionGenerationThenThatGenerationBack() {
        PendingGrant grant = new PendingGrant(KEY_A, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1",
                Set.of("006A"), NOW.plusSeconds(60), 7);
        store().save(GrantKind.LAUNCH_CODE, digest("code-1"), grant);
        assertEquals(7, store().consume(GrantKind.LAUNCH_CODE, digest("code-1"), NOW).orElseThrow().sessionGeneration());
    }

    @Test
    void consumeWhenNoOpportunitiesThenEmptySetBack() {
        PendingGrant grant = grant(KEY_A, NOW.plusSeconds(60));
        store().save(GrantKind.ACCESS_TOKEN, digest("token-1"), grant);
        assertEquals(Set.of(), store().consume(GrantKind.ACCESS_TOKEN, digest("token-1"), NOW).orElseThrow().opportunityIds());
    }

    @Test
    void consumeWhenUnknownDigestThenEmpty() {
        store().save(GrantKind.ACCESS_TOKEN, digest("token-1"), grant(KEY_A, NOW.plusSeconds(60)));
        assertTrue(store().consume(GrantKind.ACCESS_TOKEN, digest("token-2"), NOW).isEmpty());
    }

    @Test
    void consumeWhenOtherKindThenEmptyAndGrantKept() {
        store().save(GrantKind.ACCESS_TOKEN, digest("same"), grant(KEY_A, NOW.plusSeconds(60)));
        assertTrue(store().consume(GrantKind.LAUNCH_CODE, digest("same"), NOW).isEmpty());
        assertTrue(store().consume(GrantKind.ACCESS_TOKEN, digest("same"), NOW).isPresent());
    }

    @Test
    void consumeWhenExpiredThenEmptyAndRemoved() {
        store().save(GrantKind.ACCESS_TOKEN, digest("token-1"), grant(KEY_A, NOW));
        assertTrue(store().consume(GrantKind.ACCESS_TOKEN, digest("token-1"), NOW).isEmpty());
        assertTrue(store().consume(GrantKind.ACCESS_TOKEN, digest("token-1"), NOW.minusSeconds(30)).isEmpty());
    }

    @Test
    void consumeWhen64ThreadsRaceForOneDigestThenExactlyOneSucceeds() throws Exception {
        store().save(GrantKind.ACCESS_TOKEN, digest("contended"), grant(KEY_A, NOW.plusSeconds(60)));
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<PendingGrant>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store().consume(GrantKind.ACCESS_TOKEN, digest("contended"), NOW);
                }));
            }
            start.countDown();
            int successes = 0;
            for (Future<Optional<PendingGrant>> f : results) {
                successes += f.get().isPresent() ? 1 : 0;
            }
            assertEquals(1, successes);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void revokeKeyDropsOnlyThatKeysGrants() {
        store().save(GrantKind.ACCESS_TOKEN, digest("a-token"), grant(KEY_A, NOW.plusSeconds(60)));
        store().save(GrantKind.LAUNCH_CODE, digest("a-code"), grant(KEY_A, NOW.plusSeconds(60)));
        store().save(GrantKind.ACCESS_TOKEN, digest("b-token"), grant(KEY_B, NOW.plusSeconds(60)));
        store().revokeKey(KEY_A);
        assertTrue(store().consume(GrantKind.ACCESS_TOKEN, digest("a-token"), NOW).isEmpty());
        assertTrue(store().consume(GrantKind.LAUNCH_CODE, digest("a-code"), NOW).isEmpty());
        assertTrue(store().consume(GrantKind.ACCESS_TOKEN, digest("b-token"), NOW).isPresent());
    }

    @Test
    void revokeAllDropsEveryGrant() {
        store().save(GrantKind.ACCESS_TOKEN, digest("a-token"), grant(KEY_A, NOW.plusSeconds(60)));
        store().save(GrantKind.LAUNCH_CODE, digest("b-code"), grant(KEY_B, NOW.plusSeconds(60)));
        store().revokeAll();
        assertTrue(store().consume(GrantKind.ACCESS_TOKEN, digest("a-token"), NOW).isEmpty());
        assertTrue(store().consume(GrantKind.LAUNCH_CODE, digest("b-code"), NOW).isEmpty());
    }

    @Test
    void purgeExpiredRemovesAtMostLimitAndOnlyExpiredGrants() {
        for (int i = 0; i < 5; i++) {
            store().save(i % 2 == 0 ? GrantKind.ACCESS_TOKEN : GrantKind.LAUNCH_CODE, digest("old-" + i),
                    grant(KEY_A, NOW.minusSeconds(i + 1)));
        }
        store().save(GrantKind.ACCESS_TOKEN, digest("live"), grant(KEY_A, NOW.plusSeconds(60)));
        assertEquals(3, store().purgeExpired(NOW, 3));
        assertEquals(2, store().purgeExpired(NOW, 3));
        assertEquals(0, store().purgeExpired(NOW, 3));
        assertTrue(store().consume(GrantKind.ACCESS_TOKEN, digest("live"), NOW).isPresent());
    }
}
