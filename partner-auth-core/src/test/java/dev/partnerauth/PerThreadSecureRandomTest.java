package dev.partnerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Token ids and launch codes come from here: no output may be handed out twice, on one thread or
 * across threads, and every byte asked for must be filled, whatever the request size.
 */
class PerThreadSecureRandomTest {
    private final SecureRandom random = new PerThreadSecureRandom();

    @Test
    void nextBytesWhenManyTokenIdsOnOneThreadThenNoneRepeats() {
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            assertTrue(seen.add(ByteBuffer.wrap(id)), "repeated after " + i);
        }
    }

    @Test
    void nextBytesWhenManyThreadsDrawAtOnceThenNoSliceIsHandedOutTwice() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<ByteBuffer>>> drawn = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                drawn.add(pool.submit(() -> {
                    List<ByteBuffer> out = new ArrayList<>();
                    for (int i = 0; i < 5_000; i++) {
                        byte[] id = new byte[16];
                        random.nextBytes(id);
                        out.add(ByteBuffer.wrap(id));
                    }
                    return out;
                }));
            }
            Set<ByteBuffer> seen = new HashSet<>();
            for (Future<List<ByteBuffer>> f : drawn) {
                for (ByteBuffer id : f.get(30, TimeUnit.SECONDS)) {
                    assertTrue(seen.add(id));
                }
            }
            assertEquals(threads * 5_000, seen.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nextBytesWhenEverySizeUpTo72BytesThenEveryByteIsRandom() {
        // a byte left unfilled shows as a surplus of zeros
        long bytes = 0;
        long zeros = 0;
        for (int round = 0; round < 200; round++) {
            for (int size = 0; size <= 72; size++) {
                byte[] out = new byte[size];
                random.nextBytes(out);
                bytes += size;
                for (byte b : out) {
                    zeros += b == 0 ? 1 : 0;
                }
            }
        }
        double expected = bytes / 256.0;
        assertTrue(zeros < expected * 1.2, zeros + " zero bytes of " + bytes + ", expected about " + (long) expected);
    }

    @Test
    void nextIntWhenBoundedThenEveryValueTurnsUp() {
        // the java.util.Random methods draw through nextBytes as well
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(random.nextInt(62));
        }
        assertEquals(62, seen.size());
    }
}
