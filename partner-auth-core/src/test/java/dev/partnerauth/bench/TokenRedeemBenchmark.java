package dev.partnerauth.bench;

import dev.partnerauth.internal.token.TokenService;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Redeeming alone. A token redeems once, so each iteration is a timed batch of {@value #BATCH}
 * redeems of tokens minted, untimed, just before it; the score is the time per batch (divide by
 * the batch for one redeem).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = TokenRedeemBenchmark.BATCH)
@Measurement(iterations = 10, batchSize = TokenRedeemBenchmark.BATCH)
public class TokenRedeemBenchmark {
    static final int BATCH = 50_000;

    TokenService tokens;

    @Setup
    public void setUp() {
        tokens = TokenBenchmark.newTokenService(new SecureRandom());
    }

    /** Each thread's own tokens, so that no two threads redeem the same one. */
    @State(Scope.Thread)
    public static class Minted {
        String[] tokens = new String[BATCH];
        int next;

        @Setup(Level.Iteration)
        public void mint(TokenRedeemBenchmark bench) {
            for (int i = 0; i < BATCH; i++) {
                tokens[i] = bench.tokens.mintAccessToken(TokenBenchmark.KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "prm-user-42").value();
            }
            next = 0;
        }
    }

    @Benchmark
    public void redeem(Minted minted, Blackhole bh) {
        bh.consume(tokens.redeemAccessToken(minted.tokens[minted.next++], claimed -> { }));
    }
}
