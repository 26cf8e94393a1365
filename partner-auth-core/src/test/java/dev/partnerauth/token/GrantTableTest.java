package dev.partnerauth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The open-addressed table behind {@link CaffeineGrantStore}, through the store: growth, deletion
 * by backward shift in crowded probe chains, the bound, expiry at its exact instant, and
 * concurrent use. Digests that share a segment and a home slot are made by giving them the same
 * first long, which alone places a digest ({@link GrantTable#segmentOf}, {@link GrantTable#home}).
 */
class GrantTableTest {
    private static final KeyId KEY_A = new KeyId("AAAAAAAAAAA1");
    private static final KeyId KEY_B = new KeyId("BBBBBBBBBBB2");
    private static final KeyId KEY_C = new KeyId("CCCCCCCCCCC3");
    private static final List<KeyId> KEYS = List.of(KEY_A, KEY_B, KEY_C);
    private static final PartnerId PARTNER = new PartnerId("prt_testpartner0");

    private final MutableClock clock = new MutableClock();

    private CaffeineGrantStore store(long maximumSize) {
        return new CaffeineGrantStore(clock, clock.ticker(), maximumSize);
    }

    /** {@code count} first longs, in ascending order, that all fall in segment 0. */
    private static long[] firstLongsInSegmentZero(int count) {
        long[] found = new long[count];
        int n = 0;
        for (long a = 1; n < count; a++) {
            if (GrantTable.segmentOf(a) == 0) {
                found[n++] = a;
            }
        }
        return found;
    }

    /**
     * First longs of segment 0 whose home is a segment's last slot at every capacity up to 4096,
     * so that their chains wrap around to slot 0 while the segment grows.
     */
    private static long[] firstLongsAtTheEndOfSegmentZero(int count) {
        long[] found = new long[count];
        int n = 0;
        for (long a = 1; n < count; a++) {
            if (GrantTable.segmentOf(a) == 0 && GrantTable.home(a, 4095) == 4095) {
                found[n++] = a;
            }
        }
        return found;
    }

    /** Digests in segment 0 only, from few first longs: crowded, interleaved and wrapping probe chains. */
    private static List<GrantDigest> collidingDigests(int firstLongs, int perFirstLong) {
        long[] heads = firstLongsInSegmentZero(firstLongs);
        long[] ends = firstLongsAtTheEndOfSegmentZero(2);
        List<GrantDigest> digests = new ArrayList<>();
        for (long[] group : new long[][] {heads, ends}) {
            for (long a : group) {
                for (int b = 0; b < perFirstLong; b++) {
                    digests.add(new GrantDigest(a, b, ~b, a ^ b));
                }
            }
        }
        return digests;
    }

    private static GrantDigest randomDigest(SplittableRandom random) {
        return new GrantDigest(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    private PendingGrant randomGrant(SplittableRandom random, GrantKind kind, Instant now) {
        Set<String> opportunities = kind == GrantKind.ACCESS_TOKEN ? Set.of()
                : random.nextBoolean() ? Set.of("006A") : Set.of("006A", "006B");
        // whole seconds and odd nanoseconds, so that both halves of the expiry are compared
        Instant expiresAt = now.plusSeconds(random.nextInt(20)).plusNanos(random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
        return new PendingGrant(KEYS.get(random.nextInt(KEYS.size())), PARTNER, "user-" + random.nextInt(50),
                opportunities, expiresAt, random.nextInt(4));
    }

    /** Saves {@code count} grants of random digests, each expiring 60 to 81 s from now. */
    private void flood(CaffeineGrantStore store, GrantKind kind, int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            store.save(kind, randomDigest(random), randomGrant(random, kind, clock.instant().plusSeconds(60)));
        }
    }

    private record Held(GrantKind kind, GrantDigest digest) {
    }

    @Test
    void saveWhenTheTableGrowsThroughManyResizesThenEveryGrantIsFoundAndConsumableOnce() {
        CaffeineGrantStore store = store(1_000_000);
        SplittableRandom random = new SplittableRandom(11);
        Map<Held, PendingGrant> saved = new HashMap<>();
        // 32 segments from 8 slots each to 8 192: ten doublings of every segment
        for (int i = 0; i < 100_000; i++) {
            GrantKind kind = i % 3 == 0 ? GrantKind.LAUNCH_CODE : GrantKind.ACCESS_TOKEN;
            PendingGrant grant = randomGrant(random, kind, clock.instant().plusSeconds(60));
            GrantDigest digest = randomDigest(random);
            store.save(kind, digest, grant);
            saved.put(new Held(kind, digest), grant);
        }

        assertEquals(saved.size(), store.estimatedSize());
        saved.forEach((held, grant) -> assertTrue(store.isOutstanding(held.kind(), held.digest(), clock.instant())));
        saved.forEach((held, grant) -> assertEquals(Optional.of(grant), store.consume(held.kind(), held.digest(), clock.instant())));
        saved.forEach((held, grant) -> assertTrue(store.consume(held.kind(), held.digest(), clock.instant()).isEmpty()));
        assertEquals(0, store.estimatedSize());
    }

    @Test
    void saveWhenOneSegmentGrowsAloneThenEveryGrantIsFoundAndConsumableOnce() {
        CaffeineGrantStore store = store(1_000_000);
        PendingGrant grant = new PendingGrant(KEY_A, PARTNER, "user-1", Set.of(), clock.instant().plusSeconds(60), 2);
        long[] heads = firstLongsInSegmentZero(20_000); // one segment, 8 slots to 32 768
        for (long a : heads) {
            store.save(GrantKind.ACCESS_TOKEN, new GrantDigest(a, 1, 2, 3), grant);
        }

        assertEquals(heads.length, store.estimatedSize());
        for (long a : heads) {
            assertEquals(Optional.of(grant), store.consume(GrantKind.ACCESS_TOKEN, new GrantDigest(a, 1, 2, 3), clock.instant()));
        }
        assertEquals(0, store.estimatedSize());
    }

    @Test
    void mixedOperationsWhenDigestsCrowdOneSegmentThenTheStoreAgreesWithAPlainMap() {
        CaffeineGrantStore store = store(1_000_000);
        SplittableRandom random = new SplittableRandom(20261208);
        List<GrantDigest> pool = collidingDigests(24, 100);
        Map<Held, PendingGrant> model = new HashMap<>();

        for (int op = 0; op < 60_000; op++) {
            Instant now = clock.instant();
            GrantKind kind = random.nextInt(4) == 0 ? GrantKind.LAUNCH_CODE : GrantKind.ACCESS_TOKEN;
            Held held = new Held(kind, pool.get(random.nextInt(pool.size())));
            int dice = random.nextInt(1000);
            if (dice < 450) {
                PendingGrant grant = randomGrant(random, kind, now);
                store.save(kind, held.digest(), grant);
                model.put(held, grant);
            } else if (dice < 800) {
                PendingGrant expected = model.remove(held);
                Optional<PendingGrant> live = Optional.ofNullable(expected).filter(g -> !g.isExpiredAt(now));
                assertEquals(live, store.consume(kind, held.digest(), now), "op " + op);
            } else if (dice < 900) {
                PendingGrant expected = model.get(held);
                assertEquals(expected != null && !expected.isExpiredAt(now), store.isOutstanding(kind, held.digest(), now), "op " + op);
            } else if (dice < 950) {
                clock.advance(Duration.ofSeconds(random.nextInt(3)).plusNanos(random.nextInt(1_000_000_000)));
            } else if (dice < 975) {
                int expired = (int) model.values().stream().filter(g -> g.isExpiredAt(now)).count();
                int purged = store.purgeExpired(now, Integer.MAX_VALUE);
                model.values().removeIf(g -> g.isExpiredAt(now));
                // the store's own sweep may have removed some of them already
                assertTrue(purged <= expired, "op " + op + ": purged " + purged + " of " + expired);
                assertEquals(model.size(), store.estimatedSize(), "op " + op);
            } else if (dice < 995) {
                int limit = random.nextInt(5);
                assertTrue(store.purgeExpired(now, limit) <= limit, "op " + op);
            } else {
                KeyId key = KEYS.get(random.nextInt(KEYS.size()));
                store.revokeKey(key);
                model.values().removeIf(g -> g.keyId().equals(key));
            }
            if (op % 100 == 0) {
                long live = model.values().stream().filter(g -> !g.isExpiredAt(now)).count();
                assertTrue(store.estimatedSize() >= live && store.estimatedSize() <= model.size(),
                        "op " + op + ": " + store.estimatedSize() + " held, " + live + " to " + model.size() + " expected");
            }
        }

        Instant end = clock.instant();
        model.forEach((held, grant) -> assertEquals(Optional.of(grant).filter(g -> !g.isExpiredAt(end)),
                store.consume(held.kind(), held.digest(), end)));
        assertEquals(0, store.estimatedSize());
    }

    @Test
    void saveWhenChurnRunsPastTheBoundThenTheSizeStaysWithinItAndNothingComesBackTwice() {
        long bound = 300;
        CaffeineGrantStore store = store(bound);
        SplittableRandom random = new SplittableRandom(5);
        List<GrantDigest> pool = collidingDigests(8, 100);
        Map<GrantDigest, PendingGrant> model = new HashMap<>();

        for (int op = 0; op < 50_000; op++) {
            GrantDigest digest = random.nextBoolean() ? pool.get(random.nextInt(pool.size())) : randomDigest(random);
            if (random.nextInt(3) > 0) {
                PendingGrant grant = randomGrant(random, GrantKind.ACCESS_TOKEN, clock.instant().plusSeconds(60));
                store.save(GrantKind.ACCESS_TOKEN, digest, grant);
                model.put(digest, grant);
            } else {
                // a grant removed to make room is refused like an unknown one; none comes back otherwise
                Optional<PendingGrant> consumed = store.consume(GrantKind.ACCESS_TOKEN, digest, clock.instant());
                PendingGrant expected = model.remove(digest);
                assertTrue(consumed.isEmpty() || consumed.get().equals(expected), "op " + op);
            }
            assertTrue(store.estimatedSize() <= bound, "op " + op + ": " + store.estimatedSize());
            if (op % 1000 == 999) {
                clock.advance(Duration.ofSeconds(30)); // half of what is held expires now and then
            }
        }
    }

    @Test
    void revokeKeyWhenItsGrantsShareProbeChainsWithOtherKeysThenOnlyItsGrantsLeave() {
        CaffeineGrantStore store = store(1_000_000);
        List<GrantDigest> pool = collidingDigests(6, 200);
        Map<Held, PendingGrant> saved = new HashMap<>();
        for (int i = 0; i < pool.size(); i++) {
            for (GrantKind kind : GrantKind.values()) {
                PendingGrant grant = new PendingGrant(KEYS.get((i + kind.ordinal()) % KEYS.size()), PARTNER, "user-" + i,
                        kind == GrantKind.ACCESS_TOKEN ? Set.of() : Set.of("006A"), clock.instant().plusSeconds(60));
                store.save(kind, pool.get(i), grant);
                saved.put(new Held(kind, pool.get(i)), grant);
            }
        }

        store.revokeKey(KEY_B);

        long others = saved.values().stream().filter(g -> !g.keyId().equals(KEY_B)).count();
        assertEquals(others, store.estimatedSize());
        saved.forEach((held, grant) -> assertEquals(grant.keyId().equals(KEY_B) ? Optional.empty() : Optional.of(grant),
                store.consume(held.kind(), held.digest(), clock.instant())));
        assertEquals(0, store.estimatedSize());
    }

    @Test
    void consumeWhenNowIsExactlyTheExpiryThenExpiredAndRemoved() {
        CaffeineGrantStore store = store(10);
        Instant expiry = clock.instant().plusSeconds(10).plusNanos(500);
        PendingGrant grant = new PendingGrant(KEY_A, PARTNER, "user-1", Set.of(), expiry);
        GrantDigest digest = GrantDigest.of("at-the-boundary");
        store.save(GrantKind.ACCESS_TOKEN, digest, grant);

        assertTrue(store.isOutstanding(GrantKind.ACCESS_TOKEN, digest, expiry.minusNanos(1)));
        assertFalse(store.isOutstanding(GrantKind.ACCESS_TOKEN, digest, expiry));
        assertTrue(store.consume(GrantKind.ACCESS_TOKEN, digest, expiry).isEmpty());
        assertTrue(store.consume(GrantKind.ACCESS_TOKEN, digest, expiry.minusNanos(1)).isEmpty(), "removed by the refused consume");
        assertEquals(0, store.estimatedSize());
    }

    @Test
    void consumeWhenOneNanosecondBeforeTheExpiryThenTheGrantWithItsExactExpiry() {
        CaffeineGrantStore store = store(10);
        Instant wholeSecond = clock.instant().plusSeconds(10);
        PendingGrant grant = new PendingGrant(KEY_A, PARTNER, "user-1", Set.of(), wholeSecond, 3);
        store.save(GrantKind.ACCESS_TOKEN, GrantDigest.of("whole-second"), grant);

        // the second before, at its last nanosecond: the seconds differ, the nanoseconds go the other way
        assertEquals(Optional.of(grant), store.consume(GrantKind.ACCESS_TOKEN, GrantDigest.of("whole-second"), wholeSecond.minusNanos(1)));
    }

    @Test
    void consumeWhenTheExpiryIsAtTheEndsOfTimeThenTheSameInstantBack() {
        CaffeineGrantStore store = store(10);
        PendingGrant never = new PendingGrant(KEY_A, PARTNER, "user-1", Set.of("006A"), Instant.MAX, Long.MAX_VALUE);
        PendingGrant always = new PendingGrant(KEY_A, PARTNER, "user-1", Set.of(), Instant.MIN);
        store.save(GrantKind.LAUNCH_CODE, GrantDigest.of("never"), never);
        store.save(GrantKind.LAUNCH_CODE, GrantDigest.of("always"), always);

        assertTrue(store.consume(GrantKind.LAUNCH_CODE, GrantDigest.of("always"), Instant.MIN).isEmpty());
        assertEquals(Optional.of(never), store.consume(GrantKind.LAUNCH_CODE, GrantDigest.of("never"), clock.instant()));
    }

    @Test
    void purgeWhenAFloodHasExpiredThenTheTableGivesItsSlotsBackAndKeepsEveryLiveGrant() {
        CaffeineGrantStore store = store(1_000_000);
        long initial = store.slots();
        SplittableRandom random = new SplittableRandom(17);
        flood(store, GrantKind.ACCESS_TOKEN, 100_000, random);
        Map<GrantDigest, PendingGrant> live = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            PendingGrant grant = randomGrant(random, GrantKind.ACCESS_TOKEN, clock.instant().plusSeconds(600));
            GrantDigest digest = randomDigest(random);
            store.save(GrantKind.ACCESS_TOKEN, digest, grant);
            live.put(digest, grant);
        }
        long flooded = store.slots();
        clock.advance(Duration.ofSeconds(90)); // past every flood grant's expiry (60 to 81 s)

        assertEquals(100_000, store.purgeExpired(clock.instant(), Integer.MAX_VALUE));

        // 1 000 grants in 32 segments need 32 to 64 slots each: far below the flood's 8 192
        assertTrue(flooded >= 32 * 4096 + initial / 2, "flooded " + flooded);
        assertTrue(store.slots() <= initial / 2 + 32 * 128, "after the purge " + store.slots());
        live.forEach((digest, grant) -> assertEquals(Optional.of(grant), store.consume(GrantKind.ACCESS_TOKEN, digest, clock.instant())));
        assertEquals(0, store.estimatedSize());
    }

    @Test
    void saveWhenNobodyPurgesAfterAFloodThenTheSweepGivesTheSlotsBack() {
        CaffeineGrantStore store = store(1_000_000);
        SplittableRandom random = new SplittableRandom(19);
        flood(store, GrantKind.LAUNCH_CODE, 50_000, random);
        long flooded = store.slots();
        clock.advance(Duration.ofSeconds(90)); // past every flood grant's expiry (60 to 81 s)
        // a trickle of new grants, each consumed at once: the sweep every 64 saves does the rest
        for (int i = 0; i < 100_000 && store.estimatedSize() > 0; i++) {
            GrantDigest digest = randomDigest(random);
            PendingGrant grant = randomGrant(random, GrantKind.LAUNCH_CODE, clock.instant().plusSeconds(60));
            store.save(GrantKind.LAUNCH_CODE, digest, grant);
            assertEquals(Optional.of(grant), store.consume(GrantKind.LAUNCH_CODE, digest, clock.instant()));
        }

        assertEquals(0, store.estimatedSize());
        assertTrue(store.slots() * 8 < flooded, "flooded " + flooded + ", then " + store.slots());
    }

    @Test
    void revokeAllWhenTheTableHadGrownThenEmptyAndStillUsable() {
        CaffeineGrantStore store = store(1_000_000);
        SplittableRandom random = new SplittableRandom(3);
        flood(store, GrantKind.ACCESS_TOKEN, 10_000, random);

        store.revokeAll();

        assertEquals(0, store.estimatedSize());
        PendingGrant grant = new PendingGrant(KEY_A, PARTNER, "user-1", Set.of(), clock.instant().plusSeconds(60));
        for (int i = 0; i < 1000; i++) {
            store.save(GrantKind.ACCESS_TOKEN, GrantDigest.of("after-" + i), grant);
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(store.consume(GrantKind.ACCESS_TOKEN, GrantDigest.of("after-" + i), clock.instant()).isPresent(), "after-" + i);
        }
    }

    @Test
    void consumeWhen48ThreadsRaceForOneDigestThenExactlyOneWinsInEveryRound() throws Exception {
        CaffeineGrantStore store = store(1_000_000);
        List<GrantDigest> crowd = collidingDigests(4, 100);
        PendingGrant grant = new PendingGrant(KEY_A, PARTNER, "user-1", Set.of(), clock.instant().plusSeconds(60));
        // the contended digests sit in crowded chains, beside grants that stay
        for (int i = 0; i < crowd.size(); i += 2) {
            store.save(GrantKind.ACCESS_TOKEN, crowd.get(i), grant);
        }
        int threads = 48;
        int rounds = 200;
        AtomicIntegerArray winners = new AtomicIntegerArray(rounds);
        int[] round = {-1};
        // the barrier's action runs alone, between rounds: it saves the next round's grant
        CyclicBarrier start = new CyclicBarrier(threads, () -> {
            round[0]++;
            store.save(GrantKind.ACCESS_TOKEN, crowd.get((2 * round[0] + 1) % crowd.size()), grant);
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        start.await(30, TimeUnit.SECONDS);
                        if (store.consume(GrantKind.ACCESS_TOKEN, crowd.get((2 * r + 1) % crowd.size()), clock.instant()).isPresent()) {
                            winners.incrementAndGet(r);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int r = 0; r < rounds; r++) {
            assertEquals(1, winners.get(r), "round " + r);
        }
        assertEquals(crowd.size() / 2, store.estimatedSize());
    }

    @Test
    void saveAndConsumeFromFourThreadsWhileSegmentsGrowThenNoGrantIsLost() throws Exception {
        CaffeineGrantStore store = store(1_000_000);
        int threads = 4;
        int perThread = 50_000;
        int window = 64;
        AtomicBoolean saving = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            // meanwhile the scans: a purge that finds nothing expired, a revocation of a key no grant has
            Future<?> scans = pool.submit(() -> {
                KeyId unused = new KeyId("UUUUUUUUUUU9");
                while (saving.get()) {
                    store.purgeExpired(clock.instant(), 1000);
                    store.revokeKey(unused);
                }
                return null;
            });
            List<Future<List<GrantDigest>>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                workers.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    KeyId key = KEYS.get(seed % KEYS.size());
                    List<GrantDigest> mine = new ArrayList<>();
                    List<PendingGrant> grants = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        GrantDigest digest = randomDigest(random);
                        PendingGrant grant = new PendingGrant(key, PARTNER, "user-" + seed, Set.of(),
                                clock.instant().plusSeconds(60).plusNanos(i), i);
                        store.save(GrantKind.ACCESS_TOKEN, digest, grant);
                        mine.add(digest);
                        grants.add(grant);
                        if (i >= window) {
                            // only this thread consumes its own grants: each must be there, whatever the others did
                            Optional<PendingGrant> back = store.consume(GrantKind.ACCESS_TOKEN, mine.get(i - window), clock.instant());
                            if (!back.equals(Optional.of(grants.get(i - window)))) {
                                throw new AssertionError("thread " + seed + " lost grant " + (i - window) + ": " + back);
                            }
                        }
                    }
                    return mine.subList(perThread - window, perThread);
                }));
            }
            List<GrantDigest> left = new ArrayList<>();
            for (Future<List<GrantDigest>> w : workers) {
                left.addAll(w.get(120, TimeUnit.SECONDS));
            }
            saving.set(false);
            scans.get(60, TimeUnit.SECONDS);

            assertEquals(threads * window, store.estimatedSize());
            for (GrantDigest digest : left) {
                assertTrue(store.consume(GrantKind.ACCESS_TOKEN, digest, clock.instant()).isPresent());
            }
            assertEquals(0, store.estimatedSize());
        } finally {
            saving.set(false);
            pool.shutdownNow();
        }
    }
}
