package dev.partnerauth.bench;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.token.PendingGrant;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.SplittableRandom;
import javax.management.ObjectName;

/**
 * Heap retained per outstanding access token in the default {@link CaffeineGrantStore}: heap in use
 * after repeated full collections, before and after saving {@code N} grants (default 1 000 000),
 * divided by {@code N}; then the live-object histogram to show where the bytes are. User ids come
 * from a pool of 1 000, because the user store holds them anyway; each grant has its own digest and
 * its own expiry {@code Instant}, as on the real path.
 *
 * <p>{@code java -Xmx2g -XX:+UseSerialGC -cp ... dev.partnerauth.bench.GrantStoreFootprint [N]}
 */
public final class GrantStoreFootprint {
    private GrantStoreFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Clock clock = Clock.systemUTC();
        KeyId key = new KeyId("AbCdEfGh1234");
        String[] users = new String[1000];
        for (int i = 0; i < users.length; i++) {
            users[i] = "prm-user-" + i;
        }
        SplittableRandom random = new SplittableRandom(7);

        long before = usedAfterGc();
        CaffeineGrantStore store = new CaffeineGrantStore(clock);
        Instant now = clock.instant();
        Duration ttl = Duration.ofMinutes(10);
        for (int i = 0; i < n; i++) {
            GrantDigest digest = new GrantDigest(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            store.save(GrantKind.ACCESS_TOKEN, digest, new PendingGrant(key, new dev.partnerauth.key.PartnerId("prt_testpartner0"), users[i % users.length], Set.of(), now.plus(ttl)));
        }
        store.purgeExpired(clock.instant(), 0); // runs Caffeine's pending maintenance, removes nothing
        long after = usedAfterGc();
        System.out.printf("outstanding grants: %,d (estimatedSize %,d)%n", n, store.estimatedSize());
        System.out.printf("retained heap: %,d bytes = %.1f bytes per grant%n", after - before, (after - before) / (double) n);
        System.out.println(histogram(15));
        if (store.estimatedSize() < 0) {
            System.out.println(store); // keeps the store reachable across the measurement
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** The top lines of {@code jcmd <pid> GC.class_histogram}, taken in-process. */
    private static String histogram(int lines) throws Exception {
        String all = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        String[] split = all.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(lines + 2, split.length); i++) {
            out.append(split[i]).append('\n');
        }
        return out.toString();
    }
}
