package dev.partnerauth.bench;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * 16 random bytes (a token id) from one shared {@code new SecureRandom()} (NativePRNG on Linux), one
 * shared DRBG, and one DRBG per thread. Run with {@code -t 1} and {@code -t 2}: a shared generator
 * that serialises callers shows up as no gain, or a loss, at two threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RandomBenchmark {
    private SecureRandom nativePrng;
    private SecureRandom drbg;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        nativePrng = new SecureRandom();
        drbg = SecureRandom.getInstance("DRBG");
    }

    @State(Scope.Thread)
    public static class Own {
        SecureRandom drbg;
        final byte[] out = new byte[16];

        @Setup
        public void setUp() throws NoSuchAlgorithmException {
            drbg = SecureRandom.getInstance("DRBG");
        }
    }

    @Benchmark
    public byte[] sharedDefault(Own own) {
        nativePrng.nextBytes(own.out);
        return own.out;
    }

    @Benchmark
    public byte[] sharedDrbg(Own own) {
        drbg.nextBytes(own.out);
        return own.out;
    }

    @Benchmark
    public byte[] perThreadDrbg(Own own) {
        own.drbg.nextBytes(own.out);
        return own.out;
    }
}
