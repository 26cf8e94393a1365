package dev.partnerauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaffeineGrantStoreTest {
    private static final KeyId KEY = new KeyId("AAAAAAAAAAAA");
    private final MutableClock clock = new MutableClock();

    private PendingGrant grant(Duration ttl) {
        return new PendingGrant(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-1", Set.of(), clock.instant().plus(ttl));
    }

    @Test
    void consumeWhenSavedThenReturnedOnceOnly() {
        CaffeineGrantStore store = new CaffeineGrantStore(clock, clock.ticker(), 10);
        GrantDigest digest = GrantDigest.of("jti-1");
        store.save(GrantKind.ACCESS_TOKEN, digest, grant(Duration.ofSeconds(60)));

        assertTrue(store.consume(GrantKind.ACCESS_TOKEN, digest, clock.instant()).isPresent());
        assertTrue(store.consume(GrantKind.ACCESS_TOKEN, digest, clock.instant()).isEmpty());
    }

    @Test
    void consumeWhenOtherKindThenNotFound() {
        CaffeineGrantStore store = new CaffeineGrantStore(clock, clock.ticker(), 10);
        GrantDigest digest = GrantDigest.of("shared");
        store.save(GrantKind.LAUNCH_CODE, digest, grant(Duration.ofSeconds(60)));

        assertTrue(store.consume(GrantKind.ACCESS_TOKEN, digest, clock.instant()).isEmpty());
        assertTrue(store.consume(GrantKind.LAUNCH_CODE, digest, clock.instant()).isPresent());
    }

    @Test
    void consumeWhenExpiredByClockThenEmptyEvenIfStoreStillHoldsIt() {
        Ticker frozen = () -> 0L;
        CaffeineGrantStore store = new CaffeineGrantStore(clock, frozen, 10);
        GrantDigest digest = GrantDigest.of("jti-1");
        store.save(GrantKind.ACCESS_TOKEN, digest, grant(Duration.ofSeconds(60)));

        assertTrue(store.consume(GrantKind.ACCESS_TOKEN, digest, clock.instant().plusSeconds(60)).isEmpty());
    }

    @Test
    void purgeExpiredWhenManyExpiredThenRemovesAtMostLimit() {
        // a ticker that lags the clock: the cache has not noticed the expiry, so purging must
        Ticker frozen = () -> 0L;
        CaffeineGrantStore store = new CaffeineGrantStore(clock, frozen, 100);
        for (int i = 0; i < 10; i++) {
            store.save(GrantKind.ACCESS_TOKEN, GrantDigest.of("t" + i), grant(Duration.ofSeconds(60)));
            store.save(GrantKind.LAUNCH_CODE, GrantDigest.of("c" + i), grant(Duration.ofSeconds(60)));
        }
        store.save(GrantKind.ACCESS_TOKEN, GrantDigest.of("live"), grant(Duration.ofHours(1)));
        Instant later = clock.instant().plusSeconds(61);

        assertEquals(3, store.purgeExpired(later, 3));
        assertEquals(15, store.purgeExpired(later, 15));
        assertEquals(2, store.purgeExpired(later, 15));
        assertEquals(0, store.purgeExpired(later, 15));
        assertTrue(store.consume(GrantKind.ACCESS_TOKEN, GrantDigest.of("live"), later).isPresent());
    }

    @Test
    void purgeExpiredWhenTickerInStepThenBothKindsLeaveTheHeap() {
        CaffeineGrantStore store = new CaffeineGrantStore(clock, clock.ticker(), 100);
        for (int i = 0; i < 10; i++) {
            store.save(GrantKind.ACCESS_TOKEN, GrantDigest.of("t" + i), grant(Duration.ofSeconds(60)));
            store.save(GrantKind.LAUNCH_CODE, GrantDigest.of("c" + i), grant(Duration.ofSeconds(60)));
        }
        clock.advance(Duration.ofSeconds(61));

        store.purgeExpired(clock.instant(), 1000);

        assertEquals(0, store.estimatedSize());
    }

    @Test
    void saveWhenFarMoreThanMaximumSizeThenStoreStaysBounded() {
        CaffeineGrantStore store = new CaffeineGrantStore(clock, clock.ticker(), 100);
        for (int i = 0; i < 1000; i++) {
            store.save(GrantKind.ACCESS_TOKEN, GrantDigest.of("t" + i), grant(Duration.ofSeconds(60)));
        }

        store.purgeExpired(clock.instant(), 0);

        assertTrue(store.estimatedSize() <= 100, "size " + store.estimatedSize());
        assertTrue(store.estimatedSize() >= 90, "size " + store.estimatedSize());
    }

    @Test
    void saveWhenEarlierGrantsExpiredAndNobodyPurgesThenTheyLeaveTheHeapByThemselves() {
        CaffeineGrantStore store = new CaffeineGrantStore(clock, clock.ticker(), 100_000);
        for (int i = 0; i < 1000; i++) {
            store.save(GrantKind.ACCESS_TOKEN, GrantDigest.of("old" + i), grant(Duration.ofSeconds(60)));
        }
        clock.advance(Duration.ofSeconds(61));

        for (int i = 0; i < 1000; i++) {
            store.save(GrantKind.ACCESS_TOKEN, GrantDigest.of("new" + i), grant(Duration.ofSeconds(60)));
        }

        assertTrue(store.estimatedSize() < 1100, "size " + store.estimatedSize());
        for (int i = 0; i < 1000; i++) {
            assertTrue(store.isOutstanding(GrantKind.ACCESS_TOKEN, GrantDigest.of("new" + i), clock.instant()), "new" + i);
        }
    }

    @Test
    void saveWhenFullOfExpiredGrantsThenExpiredOnesMakeRoomAndLiveOnesStay() {
        CaffeineGrantStore store = new CaffeineGrantStore(clock, clock.ticker(), 100);
        for (int i = 0; i < 100; i++) {
            store.save(GrantKind.LAUNCH_CODE, GrantDigest.of("old" + i), grant(Duration.ofSeconds(1)));
        }
        clock.advance(Duration.ofSeconds(2));

        for (int i = 0; i < 100; i++) {
            store.save(GrantKind.LAUNCH_CODE, GrantDigest.of("new" + i), grant(Duration.ofSeconds(60)));
        }

        assertEquals(100, store.estimatedSize());
        for (int i = 0; i < 100; i++) {
            assertTrue(store.consume(GrantKind.LAUNCH_CODE, GrantDigest.of("new" + i), clock.instant()).isPresent(), "new" + i);
        }
        assertEquals(0, store.estimatedSize());
    }

    @Test
    void saveWhenSameDigestTwiceThenCountedOnceAndTheLaterGrantWins() {
        CaffeineGrantStore store = new CaffeineGrantStore(clock, clock.ticker(), 10);
        GrantDigest digest = GrantDigest.of("jti-1");
        store.save(GrantKind.ACCESS_TOKEN, digest, grant(Duration.ofSeconds(1)));
        store.save(GrantKind.ACCESS_TOKEN, digest, grant(Duration.ofSeconds(60)));
        clock.advance(Duration.ofSeconds(2));

        assertEquals(1, store.estimatedSize());
        assertTrue(store.consume(GrantKind.ACCESS_TOKEN, digest, clock.instant()).isPresent());
        assertEquals(0, store.estimatedSize());
    }

    @Test
    void revokeKeyWhenGrantsOfTwoKeysThenOnlyThatKeysLeaveAndTheCountFollows() {
        CaffeineGrantStore store = new CaffeineGrantStore(clock, clock.ticker(), 10);
        KeyId other = new KeyId("BBBBBBBBBBBB");
        store.save(GrantKind.ACCESS_TOKEN, GrantDigest.of("a"), grant(Duration.ofSeconds(60)));
        store.save(GrantKind.LAUNCH_CODE, GrantDigest.of("b"), grant(Duration.ofSeconds(60)));
        store.save(GrantKind.ACCESS_TOKEN, GrantDigest.of("c"),
                new PendingGrant(other, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "user-2", Set.of(),
                        clock.instant().plusSeconds(60)));

        store.revokeKey(KEY);

        assertEquals(1, store.estimatedSize());
        assertTrue(store.isOutstanding(GrantKind.ACCESS_TOKEN, GrantDigest.of("c"), clock.instant()));
        store.revokeAll();
        assertEquals(0, store.estimatedSize());
    }

    @Test
    void constructorWhenMaximumSizeNotPositiveThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CaffeineGrantStore(clock, clock.ticker(), 0));
    }

    @Test
    void grantDigestWhenSameCredentialThenEqualAndOtherwiseDifferent() {
        assertEquals(GrantDigest.of("abc"), GrantDigest.of("abc"));
        assertNotEquals(GrantDigest.of("abc"), GrantDigest.of("abd"));
    }

    @Test
    void grantDigestWhenRoundTrippedThroughBytesThenEqual() {
        GrantDigest digest = GrantDigest.of("abc");

        assertEquals(digest, GrantDigest.fromBytes(digest.toBytes()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", digest.toHex());
    }

    @Test
    void grantDigestWhenPrintedThenOnlyAPrefix() {
        GrantDigest digest = GrantDigest.of("abc");

        assertFalse(digest.toString().contains(digest.toHex()));
        assertThrows(IllegalArgumentException.class, () -> GrantDigest.fromBytes(new byte[31]));
    }

    @Test
    void signingKeyWhenSecretShorterThan256BitsThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("kid", new byte[31], clock.instant()));
    }

    @Test
    void signingKeyWhenKidNotUrlSafeThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("a b", new byte[32], clock.instant()));
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("", new byte[32], clock.instant()));
    }

    @Test
    void signingKeyWhenPrintedThenSecretRedacted() {
        SigningKey key = SigningKey.generate(new SecureRandom(), clock.instant());

        assertFalse(key.toString().contains(java.util.HexFormat.of().formatHex(key.secret())));
        assertFalse(key.toString().contains(java.util.Base64.getEncoder().encodeToString(key.secret())));
        assertTrue(key.toString().contains(key.kid()));
    }
}
