package dev.partnerauth.token;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One kind's outstanding grants for {@link CaffeineGrantStore}, held in arrays of primitives so
 * that saving a grant leaves no object of its own behind for a young collection to copy: the
 * digest, the expiry and the session generation are copied into a {@code long[]}, and the slot's
 * {@code Object[]} keeps only references that something else keeps alive anyway (the key store's
 * {@code KeyId} and {@code PartnerId}, the user store's user id, a launch code's opportunity set
 * and, for an access token, the shared empty set). A {@link PendingGrant} is built again only when
 * a grant is consumed. The boxed map this replaced kept four objects per grant (its node, the
 * {@link GrantDigest}, the {@code PendingGrant}, its {@code Instant}), and under G1 every young
 * pause copied the outstanding 60-second tokens until they were promoted: that was the in-memory
 * p99 (docs/benchmarks.md, "The in-memory tail, traced").
 *
 * <p>Layout: {@value #SEGMENTS} segments, each a lock and an open-addressed table with linear
 * probing. Slot {@code i} is words {@code 7i..7i+6} of {@code words} (digest {@code a, b, c, d},
 * expiry epoch second, expiry nanosecond, session generation) and references {@code 4i..4i+3} of
 * {@code refs} (key, partner, user id, opportunities). A slot is empty exactly when its key
 * reference is null, which no grant has, so no digest value is reserved as a marker. The segment
 * and the home slot come from the digest's first long alone: the digest is a SHA-256 of a
 * credential this library generated, so its bits are uniform and nobody can choose them to crowd
 * one probe chain (a caller can only look digests up, never save one of its choosing).
 *
 * <p>Invariants, each segment under its lock: every grant is reachable from its home slot
 * through occupied slots (deletion shifts the rest of the chain back instead of leaving
 * tombstones), and at most three quarters of the slots are occupied (a segment doubles before it
 * would pass that). A segment that the sweep, a purge or a key's revocation leaves at most an
 * eighth full is halved until at most a quarter of it is in use, so the arrays a flood grew are
 * given back once its grants expire; {@link #clear} gives every segment its initial size back. Thread-safe; only the sweep's cursor is shared
 * between segments, guarded by {@link #sweeping}, and no thread ever holds two segment locks.
 */
final class GrantTable {
    /** Segments per table, a power of two: enough that two cores seldom meet on one lock. */
    static final int SEGMENTS = 32;
    /** Slots of a new segment, a power of two: every store and host starts with this, about 20 KB a table. */
    static final int INITIAL_CAPACITY = 8;
    /** Slots of a segment at most: {@code 7 * 2^28} longs is close to the largest array Java allows. */
    static final int MAXIMUM_CAPACITY = 1 << 28;
    /** Slots one sweep looks at at most, so that a sweep over a table emptied since its peak stays short. */
    static final int SWEEP_SLOTS = 4 * CaffeineGrantStore.SWEEP_LENGTH;

    private static final int SEGMENT_SHIFT = Long.SIZE - Integer.numberOfTrailingZeros(SEGMENTS);
    /** The home slot is taken from bits 27 and up of the spread digest, below the segment's bits. */
    private static final int HOME_SHIFT = 27;

    private static final int WORDS = 7;
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final int D = 3;
    private static final int EXPIRY_SECOND = 4;
    private static final int EXPIRY_NANO = 5;
    private static final int GENERATION = 6;

    private static final int REFS = 4;
    private static final int KEY = 0;
    private static final int PARTNER = 1;
    private static final int USER = 2;
    private static final int OPPORTUNITIES = 3;

    private final Segment[] segments = new Segment[SEGMENTS];
    private final long maximumSize;
    private final AtomicLong size = new AtomicLong();
    private final AtomicLong saves = new AtomicLong();
    /** Guards {@link #sweepSegment} and {@link #sweepSlot}; the save's sweep is skipped when another thread holds it. */
    private final ReentrantLock sweeping = new ReentrantLock();
    private int sweepSegment;
    private int sweepSlot;

    GrantTable(long maximumSize) {
        this.maximumSize = maximumSize;
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment();
        }
    }

    /** The segment of a digest whose first long is {@code a}: for tests that craft colliding digests. */
    static int segmentOf(long a) {
        return (int) (spread(a) >>> SEGMENT_SHIFT);
    }

    /** Fibonacci hashing: the high bits of the product depend on every bit of {@code a}. */
    private static long spread(long a) {
        return a * 0x9E3779B97F4A7C15L;
    }

    /** The home slot, in a segment of {@code mask + 1} slots, of a digest whose first long is {@code a}. */
    static int home(long a, int mask) {
        return (int) (spread(a) >>> HOME_SHIFT) & mask;
    }

    /** Grants held, expired ones not yet swept included. */
    long size() {
        return size.get();
    }

    /** Slots of all segments together: for tests of growth and shrinking. */
    long slots() {
        long slots = 0;
        for (Segment segment : segments) {
            segment.lock();
            try {
                slots += segment.capacity();
            } finally {
                segment.unlock();
            }
        }
        return slots;
    }

    /**
     * Saves or replaces the grant of {@code digest}; past the bound, removes one grant first found
     * expired, else any other, and every {@link CaffeineGrantStore#SWEEP_EVERY} saves sweeps a few.
     */
    void save(GrantDigest digest, PendingGrant grant, Clock clock) {
        Segment segment = segments[segmentOf(digest.a())];
        boolean added;
        segment.lock();
        try {
            added = segment.put(digest, grant);
        } finally {
            segment.unlock();
        }
        if (added && size.incrementAndGet() > maximumSize) {
            makeRoom(clock.instant(), digest);
        }
        if ((saves.incrementAndGet() & (CaffeineGrantStore.SWEEP_EVERY - 1)) == 0 && sweeping.tryLock()) {
            try {
                sweep(clock.instant(), CaffeineGrantStore.SWEEP_LENGTH);
            } finally {
                sweeping.unlock();
            }
        }
    }

    /**
     * Removes the grant of {@code digest} and returns it unless it expired at {@code now}; null when
     * there is none or it expired (removed all the same). Of concurrent calls for one digest, one
     * finds it under the segment's lock and removes it there; the others find nothing.
     */
    PendingGrant consume(GrantDigest digest, Instant now) {
        Segment segment = segments[segmentOf(digest.a())];
        segment.lock();
        try {
            int slot = segment.find(digest);
            if (slot < 0) {
                return null;
            }
            PendingGrant grant = segment.isExpired(slot, now.getEpochSecond(), now.getNano()) ? null : segment.grant(slot);
            segment.delete(slot);
            size.decrementAndGet();
            return grant;
        } finally {
            segment.unlock();
        }
    }

    boolean isOutstanding(GrantDigest digest, Instant now) {
        Segment segment = segments[segmentOf(digest.a())];
        segment.lock();
        try {
            int slot = segment.find(digest);
            return slot >= 0 && !segment.isExpired(slot, now.getEpochSecond(), now.getNano());
        } finally {
            segment.unlock();
        }
    }

    /** Removes up to {@code limit} grants expired at {@code now}, segment by segment from the first. */
    int purge(Instant now, int limit) {
        long second = now.getEpochSecond();
        int nano = now.getNano();
        int removed = 0;
        for (Segment segment : segments) {
            if (removed >= limit) {
                break;
            }
            segment.lock();
            try {
                removed += segment.removeWhere((s, slot) -> s.isExpired(slot, second, nano), limit - removed);
                segment.shrinkIfSparse();
            } finally {
                segment.unlock();
            }
        }
        size.addAndGet(-removed);
        return removed;
    }

    /** Removes every grant minted through {@code keyId}. */
    void revokeKey(KeyId keyId) {
        int removed = 0;
        for (Segment segment : segments) {
            segment.lock();
            try {
                removed += segment.removeWhere((s, slot) -> keyId.equals(s.refs[slot * REFS + KEY]), Integer.MAX_VALUE);
                segment.shrinkIfSparse();
            } finally {
                segment.unlock();
            }
        }
        size.addAndGet(-removed);
    }

    /** Removes every grant, and gives each segment back its initial size. */
    void clear() {
        for (Segment segment : segments) {
            segment.lock();
            try {
                size.addAndGet(-segment.count);
                segment.allocate(INITIAL_CAPACITY);
            } finally {
                segment.unlock();
            }
        }
    }

    /** Over the bound: removes the expired grants the sweep meets next, or else the next grant but {@code keep}. */
    private void makeRoom(Instant now, GrantDigest keep) {
        sweeping.lock();
        try {
            while (size.get() > maximumSize) {
                if (sweep(now, CaffeineGrantStore.SWEEP_LENGTH) == 0 && !evictNext(keep)) {
                    return; // emptied meanwhile: the count catches up with the removals
                }
            }
        } finally {
            sweeping.unlock();
        }
    }

    /**
     * Looks at up to {@code length} grants (and {@link #SWEEP_SLOTS} slots) from the cursor on,
     * segment after segment, removing the expired; holds {@link #sweeping}.
     */
    private int sweep(Instant now, int length) {
        long second = now.getEpochSecond();
        int nano = now.getNano();
        int removed = 0;
        int seen = 0;
        int slots = 0;
        // SEGMENTS + 1 visits: back to the start of the segment the sweep began in the middle of
        for (int visit = 0; visit <= SEGMENTS && seen < length && slots < SWEEP_SLOTS; visit++) {
            Segment segment = segments[sweepSegment];
            segment.lock();
            try {
                int slot = sweepSlot;
                while (slot < segment.capacity() && seen < length && slots < SWEEP_SLOTS) {
                    slots++;
                    if (segment.isOccupied(slot)) {
                        seen++;
                        if (segment.isExpired(slot, second, nano)) {
                            segment.delete(slot);
                            size.decrementAndGet();
                            removed++;
                            continue; // the shift may have moved the chain's next grant into this slot
                        }
                    }
                    slot++;
                }
                // a cursor past a shrunk segment's end moves on to the next segment at its next visit
                sweepSlot = slot;
                segment.shrinkIfSparse();
            } finally {
                segment.unlock();
            }
            if (seen < length && slots < SWEEP_SLOTS) {
                nextSegment();
            }
        }
        return removed;
    }

    /** Removes the first grant from the cursor on that is not {@code keep}; false when there is none. */
    private boolean evictNext(GrantDigest keep) {
        for (int visit = 0; visit <= SEGMENTS; visit++) {
            Segment segment = segments[sweepSegment];
            segment.lock();
            try {
                for (int slot = sweepSlot; slot < segment.capacity(); slot++) {
                    if (segment.isOccupied(slot) && !segment.holds(slot, keep)) {
                        segment.delete(slot);
                        size.decrementAndGet();
                        sweepSlot = slot;
                        return true;
                    }
                }
            } finally {
                segment.unlock();
            }
            nextSegment();
        }
        return false;
    }

    private void nextSegment() {
        sweepSegment = (sweepSegment + 1) & (SEGMENTS - 1);
        sweepSlot = 0;
    }

    /** A test of one occupied slot, made under its segment's lock. */
    @FunctionalInterface
    private interface SlotTest {
        boolean test(Segment segment, int slot);
    }

    /** One lock and the open-addressed table it guards; every method but the constructor needs the lock held. */
    private static final class Segment extends ReentrantLock {
        long[] words;
        Object[] refs;
        int mask;
        int count;

        Segment() {
            allocate(INITIAL_CAPACITY);
        }

        void allocate(int capacity) {
            words = new long[capacity * WORDS];
            refs = new Object[capacity * REFS];
            mask = capacity - 1;
            count = 0;
        }

        int capacity() {
            return mask + 1;
        }

        boolean isOccupied(int slot) {
            return refs[slot * REFS + KEY] != null;
        }

        boolean holds(int slot, GrantDigest digest) {
            int w = slot * WORDS;
            return words[w + A] == digest.a() && words[w + B] == digest.b() && words[w + C] == digest.c()
                    && words[w + D] == digest.d();
        }

        /** The slot holding {@code digest}, or -1; ends because at least a quarter of the slots are empty. */
        int find(GrantDigest digest) {
            for (int slot = home(digest.a(), mask); isOccupied(slot); slot = (slot + 1) & mask) {
                if (holds(slot, digest)) {
                    return slot;
                }
            }
            return -1;
        }

        /** As {@link PendingGrant#isExpiredAt}: expired from its expiry instant on. */
        boolean isExpired(int slot, long second, int nano) {
            int w = slot * WORDS;
            long expirySecond = words[w + EXPIRY_SECOND];
            return second > expirySecond || second == expirySecond && nano >= words[w + EXPIRY_NANO];
        }

        /** @return true when the digest was new here, false when its grant was replaced */
        boolean put(GrantDigest digest, PendingGrant grant) {
            int slot = find(digest);
            boolean added = slot < 0;
            if (added) {
                if (count + 1 > capacity() - capacity() / 4) {
                    grow();
                }
                slot = home(digest.a(), mask);
                while (isOccupied(slot)) {
                    slot = (slot + 1) & mask;
                }
                count++;
            }
            int w = slot * WORDS;
            words[w + A] = digest.a();
            words[w + B] = digest.b();
            words[w + C] = digest.c();
            words[w + D] = digest.d();
            words[w + EXPIRY_SECOND] = grant.expiresAt().getEpochSecond();
            words[w + EXPIRY_NANO] = grant.expiresAt().getNano();
            words[w + GENERATION] = grant.sessionGeneration();
            int r = slot * REFS;
            refs[r + KEY] = grant.keyId();
            refs[r + PARTNER] = grant.partnerId();
            refs[r + USER] = grant.userId();
            refs[r + OPPORTUNITIES] = grant.opportunityIds();
            return added;
        }

        @SuppressWarnings("unchecked")
        PendingGrant grant(int slot) {
            int w = slot * WORDS;
            int r = slot * REFS;
            return new PendingGrant((KeyId) refs[r + KEY], (PartnerId) refs[r + PARTNER], (String) refs[r + USER],
                    (Set<String>) refs[r + OPPORTUNITIES],
                    Instant.ofEpochSecond(words[w + EXPIRY_SECOND], words[w + EXPIRY_NANO]), words[w + GENERATION]);
        }

        /**
         * Empties {@code slot} and shifts back each later grant of the chain whose home is not
         * between the hole and itself, so that every grant stays reachable from its home slot
         * with no tombstone left. Grants only move to slots cyclically at or after {@code slot}.
         */
        void delete(int slot) {
            int hole = slot;
            for (int next = (hole + 1) & mask; isOccupied(next); next = (next + 1) & mask) {
                int home = home(words[next * WORDS + A], mask);
                // movable when the hole lies in [home, next): no farther from next than its home is
                if (((next - home) & mask) >= ((next - hole) & mask)) {
                    System.arraycopy(words, next * WORDS, words, hole * WORDS, WORDS);
                    System.arraycopy(refs, next * REFS, refs, hole * REFS, REFS);
                    hole = next;
                }
            }
            // the references go, so that nothing outlives its grant; the words are dead once the key is null
            int r = hole * REFS;
            refs[r + KEY] = null;
            refs[r + PARTNER] = null;
            refs[r + USER] = null;
            refs[r + OPPORTUNITIES] = null;
            count--;
        }

        /**
         * Removes up to {@code limit} grants that pass {@code test}, scanning from slot 0. After a
         * removal the same slot is tested again, since the shift may have moved an untested grant
         * into it; the shift never moves an untested grant below the scan, so none is missed.
         */
        int removeWhere(SlotTest test, int limit) {
            int removed = 0;
            int slot = 0;
            while (slot < capacity() && removed < limit) {
                if (isOccupied(slot) && test.test(this, slot)) {
                    delete(slot);
                    removed++;
                } else {
                    slot++;
                }
            }
            return removed;
        }

        private void grow() {
            if (capacity() >= MAXIMUM_CAPACITY) {
                throw new IllegalStateException("a grant table segment is full: " + count + " grants");
            }
            rehash(2 * capacity());
        }

        /**
         * Once at most an eighth of the slots are in use (after a flood has expired, say), halves
         * the segment until a quarter or less of it is in use, never below the initial size; the
         * doubling at three quarters is far enough away that the two never alternate. Called only
         * where no scan of this segment goes on after it.
         */
        void shrinkIfSparse() {
            int capacity = capacity();
            if (capacity > INITIAL_CAPACITY && count <= capacity / 8) {
                rehash(Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, count)) << 2));
            }
        }

        private void rehash(int capacity) {
            int oldCapacity = capacity();
            long[] oldWords = words;
            Object[] oldRefs = refs;
            words = new long[capacity * WORDS];
            refs = new Object[capacity * REFS];
            mask = capacity - 1;
            for (int old = 0; old < oldCapacity; old++) {
                if (oldRefs[old * REFS + KEY] != null) {
                    int slot = home(oldWords[old * WORDS + A], mask);
                    while (isOccupied(slot)) {
                        slot = (slot + 1) & mask;
                    }
                    System.arraycopy(oldWords, old * WORDS, words, slot * WORDS, WORDS);
                    System.arraycopy(oldRefs, old * REFS, refs, slot * REFS, REFS);
                }
            }
        }
    }
}
