package dev.partnerauth.internal.cache;

import dev.partnerauth.key.PresentedKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.internal.key.KeyService;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.internal.memory.InMemoryKeyStore;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.KeyStoreContract;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.key.RecordingKeyStore;
import dev.partnerauth.key.StoredKey;
import dev.partnerauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CachingKeyStoreTest {
    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final KeyId ID = new KeyId("AAAAAAAAAAA1");

    private final MutableClock clock = new MutableClock();
    private final RecordingKeyStore database = new RecordingKeyStore();
    private final CachingKeyStore store = new CachingKeyStore(database, MAX_AGE, clock.ticker());

    @Test
    void findWhenReadBeforeThenAnsweredWithoutTheStore() {
        store.insert(KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1));
        store.find(ID);
        store.find(ID);
        store.find(ID);
        assertEquals(1, database.finds());
    }

    @Test
    void findWhenDeletedThroughThisStoreThenGoneAtOnce() {
        store.insert(KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1));
        store.find(ID).orElseThrow();
        store.delete(ID);
        assertEquals(Optional.empty(), store.find(ID));
    }

    @Test
    void findWhenRenamedThroughThisStoreThenNewNameAtOnce() {
        StoredKey key = KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1);
        store.insert(key);
        store.find(ID).orElseThrow();
        store.update(new AuthenticationKey(ID, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "renamed", IpAllowlist.ANY, Instant.EPOCH, null, null));
        assertEquals("renamed", store.find(ID).orElseThrow().metadata().name());
    }

    @Test
    void findWhenDeletedElsewhereThenStillFoundUntilMaxAgeThenGone() {
        database.insert(KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1));
        store.find(ID).orElseThrow();
        database.delete(ID); // another node, straight in the shared database
        clock.advance(MAX_AGE.minusMillis(1));
        assertTrue(store.find(ID).isPresent(), "within maxAge the cached copy answers");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), store.find(ID));
    }

    @Test
    void findWhenUnknownThenRememberedForMaxAgeLikeAKnownKey() {
        // an unknown id must not cost a query where a known one costs none (SPEC §4, equal work)
        assertEquals(Optional.empty(), store.find(ID));
        assertEquals(Optional.empty(), store.find(ID));
        assertEquals(1, database.finds());
        database.insert(KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1)); // by hand, or on another node

        clock.advance(MAX_AGE);

        assertTrue(store.find(ID).isPresent(), "the absence is forgotten after maxAge");
    }

    @Test
    void findWhenUnknownThenCreatedThroughThisStoreThenFoundAtOnce() {
        assertEquals(Optional.empty(), store.find(ID));

        store.insert(KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1));

        assertTrue(store.find(ID).isPresent());
    }

    @Test
    void verifyWhenUnknownIdRepeatedThenStoreAskedNoMoreOftenThanForAKnownIdWithWrongSecret() {
        KeyService keys = new KeyService(store, KeyPepper.of(new byte[32]), e -> { }, clock, new java.security.SecureRandom());
        String known = keys.create("Acme PRM", IpAllowlist.ANY, null, "admin").plaintext();
        String unknownId = new KeyService(new InMemoryKeyStore(), KeyPepper.of(new byte[32]), e -> { }, clock,
                new java.security.SecureRandom()).create("elsewhere", IpAllowlist.ANY, null, "admin").plaintext();
        String wrongSecret = known.substring(0, known.length() - 7) + (known.charAt(known.length() - 7) == 'A' ? 'B' : 'A');
        wrongSecret += dev.partnerauth.testing.KeyChecksums.checksum(wrongSecret);
        String mismatching = wrongSecret;

        int before = database.finds();
        for (int i = 0; i < 20; i++) {
            assertThrows(dev.partnerauth.ForbiddenException.class, () -> keys.verify(PresentedKey.of(mismatching), null));
        }
        int forKnown = database.finds() - before;
        before = database.finds();
        for (int i = 0; i < 20; i++) {
            assertThrows(dev.partnerauth.ForbiddenException.class, () -> keys.verify(PresentedKey.of(unknownId), null));
        }
        int forUnknown = database.finds() - before;

        assertTrue(forUnknown <= forKnown, "unknown id: " + forUnknown + " store reads, known id: " + forKnown);
        assertTrue(forUnknown <= 1, "unknown id read " + forUnknown + " times");
    }

    @Test
    void findWhenLookupRacedWithDeleteThenStaleCopyNotKept() throws Exception {
        store.insert(KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1));
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch deleted = new CountDownLatch(1);
        database.afterFind(() -> {
            database.afterFind(() -> { });
            read.countDown();
            await(deleted);
        });
        CompletableFuture<Optional<StoredKey>> racing = CompletableFuture.supplyAsync(() -> store.find(ID));
        assertTrue(read.await(10, TimeUnit.SECONDS));
        store.delete(ID);
        deleted.countDown();
        assertTrue(racing.get(10, TimeUnit.SECONDS).isPresent(), "the racing lookup read before the delete");
        assertEquals(Optional.empty(), store.find(ID), "but its copy must not outlive the delete");
    }

    @Test
    void recordUseThenLastUseReadFresh() {
        store.insert(KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1));
        store.find(ID).orElseThrow();
        Instant at = Instant.parse("2030-01-01T00:00:05Z");
        store.recordUse(ID, at);
        assertEquals(at, store.find(ID).orElseThrow().metadata().lastUsedAt());
    }

    @Test
    void recordUseWhenCopyNearlyMaxAgeThenCopyStillEndsAtMaxAge() {
        store.insert(KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1));
        store.find(ID).orElseThrow();
        int finds = database.finds();
        clock.advance(MAX_AGE.minusMillis(1));
        store.recordUse(ID, Instant.parse("2030-01-01T00:00:05Z"));
        store.find(ID).orElseThrow();
        assertEquals(finds, database.finds(), "the use is recorded in the copy, which still answers");
        clock.advance(Duration.ofMillis(1));
        database.delete(ID); // another node
        assertEquals(Optional.empty(), store.find(ID), "a recorded use does not make the copy live longer");
    }

    @Test
    void listAlwaysReadsTheStore() {
        store.insert(KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1));
        database.insert(KeyStoreContract.key("AAAAAAAAAAA2", Instant.EPOCH, (byte) 2));
        assertEquals(List.of(ID, new KeyId("AAAAAAAAAAA2")), store.list().stream().map(AuthenticationKey::id).toList());
    }

    @Test
    void constructorWhenMaxAgeNotPositiveThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CachingKeyStore(database, Duration.ZERO, clock.ticker()));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
