package dev.partnerauth.bench;

import dev.partnerauth.internal.token.TokenService;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.token.OneTimeGrantStore;
import dev.partnerauth.token.PendingGrant;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Access tokens through one shared {@link TokenService} and its default Caffeine store: mint alone
 * (the store fills up to its bound and then evicts, as under a flood), and mint then redeem. Run
 * with {@code -t 1} and {@code -t 2} to see whether the path scales. {@code mintWithoutStore} mints
 * into a store that keeps nothing: the token id, signature and digest alone, at a cost that does
 * not drift as a growing store would make it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenBenchmark {
    static final KeyId KEY = new KeyId("AbCdEfGh1234");

    private TokenService tokens;
    private TokenService tokensWithoutStore;

    @Setup
    public void setUp() {
        tokens = newTokenService(new SecureRandom());
        Clock clock = Clock.systemUTC();
        tokensWithoutStore = new TokenService(new InMemorySigningKeyStore(), new DiscardingGrantStore(), clock,
                new SecureRandom(), Duration.ofSeconds(60));
    }

    static TokenService newTokenService(SecureRandom random) {
        Clock clock = Clock.systemUTC();
        return new TokenService(new InMemorySigningKeyStore(), new CaffeineGrantStore(clock), clock, random,
                Duration.ofSeconds(60));
    }

    @Benchmark
    public IssuedCredential mint() {
        return tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "prm-user-42");
    }

    @Benchmark
    public IssuedCredential mintWithoutStore() {
        return tokensWithoutStore.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "prm-user-42");
    }

    @Benchmark
    public PendingGrant mintAndRedeem() {
        return tokens.redeemAccessToken(tokens.mintAccessToken(KEY, new dev.partnerauth.key.PartnerId("prt_testpartner0"), "prm-user-42").value(), claimed -> { });
    }

    /** Keeps no grant: every token it is given redeems as already used. */
    private static final class DiscardingGrantStore implements OneTimeGrantStore {
        @Override
        public void save(GrantKind kind, GrantDigest digest, PendingGrant grant) {
        }

        @Override
        public Optional<PendingGrant> consume(GrantKind kind, GrantDigest digest, Instant now) {
            return Optional.empty();
        }

        @Override
        public boolean isOutstanding(GrantKind kind, GrantDigest digest, Instant now) {
            return false;
        }

        @Override
        public void revokeKey(KeyId keyId) {
        }

        @Override
        public void revokeAll() {
        }

        @Override
        public int purgeExpired(Instant now, int limit) {
            return 0;
        }
    }
}
