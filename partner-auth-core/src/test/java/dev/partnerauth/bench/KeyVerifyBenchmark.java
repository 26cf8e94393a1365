package dev.partnerauth.bench;

import dev.partnerauth.key.PresentedKey;

import dev.partnerauth.ForbiddenException;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.internal.key.KeyService;
import dev.partnerauth.internal.key.VerifiedKey;
import dev.partnerauth.internal.memory.InMemoryKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link KeyService#verify}: a good key, a well-formed key whose id is unknown (the decoy hash must
 * cost the same as a hit), and a key whose checksum fails (refused before any store call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyVerifyBenchmark {
    private KeyService keys;
    private String hit;
    private String unknownId;
    private String badChecksum;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        keys = new KeyService(new InMemoryKeyStore(), Fixtures.PEPPER, e -> { }, Clock.systemUTC(), random);
        for (int i = 0; i < 100; i++) {
            keys.create("partner " + i, IpAllowlist.ANY, null, "admin");
        }
        hit = keys.create("benchmarked", IpAllowlist.ANY, null, "admin").plaintext();
        KeyService elsewhere = new KeyService(new InMemoryKeyStore(), Fixtures.PEPPER, e -> { }, Clock.systemUTC(),
                random);
        unknownId = elsewhere.create("not here", IpAllowlist.ANY, null, "admin").plaintext();
        char last = hit.charAt(hit.length() - 1);
        badChecksum = hit.substring(0, hit.length() - 1) + (last == 'a' ? 'b' : 'a');
    }

    @Benchmark
    public VerifiedKey verifyHit() {
        return keys.verify(PresentedKey.of(hit), Fixtures.CLIENT);
    }

    @Benchmark
    public Object verifyUnknownId() {
        return refusal(unknownId);
    }

    @Benchmark
    public Object verifyBadChecksum() {
        return refusal(badChecksum);
    }

    private Object refusal(String key) {
        try {
            return keys.verify(PresentedKey.of(key), Fixtures.CLIENT);
        } catch (ForbiddenException expected) {
            return expected;
        }
    }
}
