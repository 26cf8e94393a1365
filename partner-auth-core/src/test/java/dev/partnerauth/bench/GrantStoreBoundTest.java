package dev.partnerauth.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.token.PendingGrant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The store's size bound holds under a flood of grants that never expire in the test's time. */
class GrantStoreBoundTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final KeyId KEY = new KeyId("AbCdEfGh1234");

    @Test
    void saveWhenTenTimesTheBoundThenSizeStaysWithinTheBound() {
        long bound = 1_000;
        CaffeineGrantStore store = new CaffeineGrantStore(Clock.fixed(NOW, ZoneOffset.UTC), Ticker.disabledTicker(), bound);
        for (int i = 0; i < 10 * bound; i++) {
            store.save(GrantKind.ACCESS_TOKEN, new GrantDigest(i, 0, 0, 0),
                    new PendingGrant(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user", Set.of(), NOW.plusSeconds(60)));
        }
        assertTrue(store.estimatedSize() <= bound, "estimated size " + store.estimatedSize());
    }
}
