package dev.partnerauth.bench;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
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
 * from a pool of 1 000 and the key and partner ids are one pair, because the user store and the key
 * store hold them anyway; each grant has its own digest and its own expiry, as on the real path.
 *
 * <p>What to expect: the histogram's top lines are the table's arrays alone, 64 {@code long[]}
 * (seven words a slot) and 64 {@code Object[]} (four references a slot), with no object per grant.
 * A slot costs 72 bytes and each segment is between three eighths and three quarters full, so a
 * grant costs 96 to 192 bytes by where {@code N} falls between two doublings: 151.2 at 1 000 000
 * (the segments just doubled), 108.2 at 700 000. The map this replaced cost 152.7 and 150.5, four
 * objects a grant (its node, the {@code GrantDigest}, the {@code PendingGrant}, the {@code Instant});
 * 168.7 at 1 000 000 as this bench measured it while it made a {@code PartnerId} for every grant.
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
        PartnerId partner = new PartnerId("prt_testpartner0");
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
            store.save(GrantKind.ACCESS_TOKEN, digest, new PendingGrant(key, partner, users[i % users.length], Set.of(), now.plus(ttl)));
        }
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
