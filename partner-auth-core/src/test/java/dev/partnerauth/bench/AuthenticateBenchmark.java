package dev.partnerauth.bench;

import dev.partnerauth.AuthenticateRequest;
import dev.partnerauth.PartnerAuth;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.token.IssuedCredential;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link PartnerAuth#authenticate} without HTTP, on the builder's defaults: throttle check, key
 * verification, user upsert (1 000 partner users in turn), token mint, last-use update and audit
 * (SLF4J has no binding on this classpath, so the SLF4J listener returns at once; the in-memory
 * log still records). Run with {@code -t 1} and {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthenticateBenchmark {
    private PartnerAuth auth;
    private AuthenticateRequest[] requests;

    @Setup
    public void setUp() {
        auth = Fixtures.enabledAuth();
        String key = auth.createKey("benchmark partner", IpAllowlist.ANY, null, "admin").plaintext();
        requests = new AuthenticateRequest[1000];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = Fixtures.request(key, i);
        }
    }

    @State(Scope.Thread)
    public static class Turn {
        int next;
    }

    @Benchmark
    public IssuedCredential authenticate(Turn turn) {
        AuthenticateRequest request = requests[turn.next++ % requests.length];
        return auth.authenticate(request, Fixtures.CLIENT);
    }
}
