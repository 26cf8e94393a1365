package dev.partnerauth.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link SigningKeyStore} must do; run against each implementation by a subclass. */
public abstract class SigningKeyStoreContract {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /** An empty store, fresh for each test. */
    protected abstract SigningKeyStore store();

    /** Another node's view of the same keys as {@link #store()}. */
    protected abstract SigningKeyStore anotherNode();

    static SigningKey key(String kid, Instant createdAt) {
        byte[] secret = new byte[SigningKey.SECRET_BYTES];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (kid.hashCode() + i);
        }
        return new SigningKey(kid, secret, createdAt);
    }

    static List<String> kids(List<SigningKey> keys) {
        return keys.stream().map(SigningKey::kid).toList();
    }

    @Test
    void keysWhenEmptyThenStoresTheFirstKey() {
        SigningKey first = key("first", T0);
        List<SigningKey> keys = store().keys(() -> first);
        assertEquals(List.of("first"), kids(keys));
        assertArrayEquals(first.secret(), keys.get(0).secret());
        assertEquals(T0, keys.get(0).createdAt());
    }

    @Test
    void keysWhenAlreadyStoredThenIgnoresTheSupplier() {
        store().keys(() -> key("first", T0));
        assertEquals(List.of("first"), kids(anotherNode().keys(() -> key("second", T0))));
    }

    @Test
    void keysWhenNodesRaceOnAnEmptyStoreThenAllGetTheSameSingleKey() throws Exception {
        int nodes = 8;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        Set<List<String>> seen = new HashSet<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<SigningKey>>> results = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                SigningKeyStore node = i == 0 ? store() : anotherNode();
                SigningKey candidate = key("node-" + i, T0);
                results.add(pool.submit(() -> {
                    start.await();
                    return node.keys(() -> candidate);
                }));
            }
            start.countDown();
            for (Future<List<SigningKey>> f : results) {
                seen.add(kids(f.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, seen.size());
        assertEquals(1, seen.iterator().next().size());
    }

    @Test
    void addMakesTheNewKeyNewestAndKeepsTheOlderOnesForVerification() {
        store().keys(() -> key("first", T0));
        store().add(key("second", T0.plusSeconds(60)));
        assertEquals(List.of("second", "first"), kids(anotherNode().keys(() -> key("unused", T0))));
    }

    @Test
    void removeCreatedBeforeRemovesOldKeysButNeverTheNewest() {
        store().keys(() -> key("k1", T0));
        store().add(key("k2", T0.plusSeconds(10)));
        store().add(key("k3", T0.plusSeconds(20)));
        assertEquals(1, store().removeCreatedBefore(T0.plusSeconds(10)));
        assertEquals(List.of("k3", "k2"), kids(store().keys(() -> key("unused", T0))));
        assertEquals(1, store().removeCreatedBefore(T0.plusSeconds(3600)));
        assertEquals(List.of("k3"), kids(store().keys(() -> key("unused", T0))));
    }
}
