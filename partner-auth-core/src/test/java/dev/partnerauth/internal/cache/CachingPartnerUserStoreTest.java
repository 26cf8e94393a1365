package dev.partnerauth.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.key.PartnerId;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.PartnerUserStore;
import dev.partnerauth.user.PartnerUserStoreContract;
import dev.partnerauth.user.UserInformation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingPartnerUserStoreTest {
    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final PartnerId P = new PartnerId("prt_testpartner0");
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock();
    private final CountingStore database = new CountingStore();
    private final CachingPartnerUserStore store = new CachingPartnerUserStore(database, MAX_AGE, clock.ticker());

    @Test
    void upsertWhenSameDetailsAgainThenStoreNotAskedAgain() {
        UserInformation alice = PartnerUserStoreContract.full("alice", "Alice");
        store.upsert(P, alice, T0);
        PartnerUser again = store.upsert(P, alice, T0.plusSeconds(5));
        assertEquals(1, database.upserts.get());
        assertEquals(T0, again.updatedAt(), "unchanged details keep the time they last changed");
    }

    @Test
    void upsertWhenDetailsChangedThenWritten() {
        store.upsert(P, PartnerUserStoreContract.full("alice", "Alice"), T0);
        PartnerUser renamed = store.upsert(P, PartnerUserStoreContract.full("alice", "Alice B."), T0.plusSeconds(5));
        assertEquals("Alice B.", renamed.information().name());
        assertEquals("Alice B.", database.find(P, "alice").orElseThrow().information().name());
    }

    @Test
    void findWhenDisabledThroughThisStoreThenDisabledAtOnce() {
        store.upsert(P, PartnerUserStoreContract.full("alice", "Alice"), T0);
        store.find(P, "alice").orElseThrow();
        store.setEnabled(P, "alice", false);
        assertFalse(store.find(P, "alice").orElseThrow().enabled());
        assertFalse(store.upsert(P, PartnerUserStoreContract.full("alice", "Alice"), T0).enabled());
    }

    @Test
    void findWhenDisabledElsewhereThenEnabledUntilMaxAge() {
        store.upsert(P, PartnerUserStoreContract.full("alice", "Alice"), T0);
        database.setEnabled(P, "alice", false); // another node
        clock.advance(MAX_AGE.minusMillis(1));
        assertTrue(store.find(P, "alice").orElseThrow().enabled());
        clock.advance(Duration.ofMillis(1));
        assertFalse(store.find(P, "alice").orElseThrow().enabled());
    }

    @Test
    void findWhenUnknownThenAskedAgainNextTime() {
        assertEquals(Optional.empty(), store.find(P, "bob"));
        database.upsert(P, PartnerUserStoreContract.minimal("bob"), T0);
        assertTrue(store.find(P, "bob").isPresent());
    }

    @Test
    void upsertWhenManyThreadsAlternateDetailsThenCacheEndsAsStored() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PartnerUser>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                UserInformation details = PartnerUserStoreContract.full("alice", "Alice " + (i % 3));
                results.add(pool.submit(() -> store.upsert(P, details, T0)));
            }
            for (Future<PartnerUser> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(database.find(P, "alice").orElseThrow(), store.find(P, "alice").orElseThrow());
    }

    private static final class CountingStore implements PartnerUserStore {
        final AtomicInteger upserts = new AtomicInteger();
        private final InMemoryPartnerUserStore delegate = new InMemoryPartnerUserStore();

        @Override
        public PartnerUser upsert(PartnerId partner, UserInformation information, Instant now) {
            upserts.incrementAndGet();
            return delegate.upsert(partner, information, now);
        }

        @Override
        public Optional<PartnerUser> find(PartnerId partner, String userId) {
            return delegate.find(partner, userId);
        }

        @Override
        public boolean setEnabled(PartnerId partner, String userId, boolean enabled) {
            return delegate.setEnabled(partner, userId, enabled);
        }

        @Override
        public List<PartnerUser> list(PartnerId partner, int limit) {
            return delegate.list(partner, limit);
        }
    }
}
