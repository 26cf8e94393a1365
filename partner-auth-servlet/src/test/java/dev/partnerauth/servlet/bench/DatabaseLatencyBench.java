package dev.partnerauth.servlet.bench;

import dev.partnerauth.key.PresentedKey;

import dev.partnerauth.AuthenticateRequest;
import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import dev.partnerauth.PartnerAuth;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.JdbcAuditLog;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.settings.JdbcSettingsStore;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.internal.jdbc.JdbcSigningKeyStore;
import dev.partnerauth.user.JdbcPartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * How much latency the database adds to the two hot calls, measured in-process through {@link
 * PartnerAuth} (no HTTP): {@code authenticate} (settings, key lookup, user upsert, grant insert,
 * last-used stamp, audit row) and {@code launch} (grant consume, settings, key, user, launch-code
 * insert, audit row), on the in-memory stores, on embedded H2 and on the local PostgreSQL server
 * of {@link TestDatabases}. Prints the median and the 99th percentile of each, in microseconds.
 *
 * <p>A measurement, not a test: run it by hand on a quiet machine (see the report for the
 * command); the figures depend on the machine and, for PostgreSQL, on the round trip to it.
 *
 * <pre>
 * mvn -q -pl partner-auth-servlet -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp partner-auth-servlet/target/test-classes:partner-auth-servlet/target/classes:$(cat /tmp/cp.txt) \
 *     dev.partnerauth.servlet.bench.DatabaseLatencyBench [calls, default 2000]
 * </pre>
 */
public final class DatabaseLatencyBench {
    private static final KeyPepper PEPPER = KeyPepper.of("database-latency-bench-pepper-32-bytes".getBytes(StandardCharsets.US_ASCII));
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    private static final LaunchRequest LAUNCH = new LaunchRequest(LaunchAction.CREATE_QUOTE, "0065g00000ABCDEFGH", null);
    /** Calls before measuring, for the JIT and the connection pool. */
    private static final int WARM_UP = 500;
    /** The PRM signs in this many distinct users, round robin: upserts update rows that exist. */
    private static final int USERS = 100;

    private DatabaseLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.printf(Locale.ROOT, "%d calls each after %d warm-up calls, single thread; microseconds%n", calls, WARM_UP);
        System.out.printf(Locale.ROOT, "%-10s %-13s %9s %9s %9s%n", "stores", "call", "median", "p99", "mean");
        Result memory = measure("in-memory", PartnerAuth.builder(), calls);
        DataSource h2 = TestDatabases.h2WithSchema();
        try {
            measure("H2", jdbc(h2), calls).printAddedTo(memory);
        } finally {
            TestDatabases.drop(h2);
        }
        DataSource postgres = TestDatabases.postgresWithSchema();
        try {
            measure("PostgreSQL", jdbc(postgres), calls).printAddedTo(memory);
        } finally {
            TestDatabases.drop(postgres);
        }
    }

    /** Every store in the database, as a multi-node host configures it (audit included). */
    private static PartnerAuth.Builder jdbc(DataSource db) {
        return PartnerAuth.builder()
                .keyStore(new JdbcKeyStore(db))
                .settingsStore(new JdbcSettingsStore(db))
                .userStore(new JdbcPartnerUserStore(db))
                .grantStore(new JdbcGrantStore(db))
                .signingKeyStore(new JdbcSigningKeyStore(db))
                .auditLog(new JdbcAuditLog(db));
    }

    private static Result measure(String stores, PartnerAuth.Builder builder, int calls) {
        PartnerAuth auth = builder.keyPepper(PEPPER)
                .publicBaseUrl(URI.create("https://cpq.example.com"))
                .clock(Clock.systemUTC())
                .tokenTtl(Duration.ofMinutes(10))
                .slf4jAudit(false)
                .build();
        auth.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        String key = auth.createKey("bench", IpAllowlist.ANY, null, "admin").plaintext();

        String[] warm = new String[WARM_UP];
        authenticate(auth, key, warm, new long[WARM_UP]);
        launch(auth, warm, new long[WARM_UP]);

        String[] tokens = new String[calls];
        long[] authenticateNanos = new long[calls];
        long[] launchNanos = new long[calls];
        authenticate(auth, key, tokens, authenticateNanos);
        launch(auth, tokens, launchNanos);
        Result result = new Result(stores, Stats.of(authenticateNanos), Stats.of(launchNanos));
        result.print();
        return result;
    }

    private static void authenticate(PartnerAuth auth, String key, String[] tokens, long[] nanos) {
        for (int i = 0; i < tokens.length; i++) {
            String userId = "user-" + (i % USERS);
            AuthenticateRequest request = new AuthenticateRequest(PresentedKey.of(key), new UserInformation(userId, userId,
                    userId + "@partner.example", "Partner " + userId, null, null, null, null, "Acme Reseller",
                    null, null, null, null, null, null));
            long start = System.nanoTime();
            tokens[i] = auth.authenticate(request, CLIENT).value();
            nanos[i] = System.nanoTime() - start;
        }
    }

    private static void launch(PartnerAuth auth, String[] tokens, long[] nanos) {
        for (int i = 0; i < tokens.length; i++) {
            long start = System.nanoTime();
            auth.launch(LAUNCH, tokens[i], CLIENT);
            nanos[i] = System.nanoTime() - start;
        }
    }

    private record Stats(double medianMicros, double p99Micros, double meanMicros) {
        static Stats of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(0);
            return new Stats(percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0, mean / 1000.0);
        }

        /** Nearest-rank percentile. */
        private static long percentile(long[] sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        Stats minus(Stats other) {
            return new Stats(medianMicros - other.medianMicros, p99Micros - other.p99Micros, meanMicros - other.meanMicros);
        }
    }

    private record Result(String stores, Stats authenticate, Stats launch) {
        void print() {
            line(stores, "authenticate", authenticate);
            line(stores, "launch", launch);
        }

        void printAddedTo(Result baseline) {
            line("  added", "authenticate", authenticate.minus(baseline.authenticate));
            line("  added", "launch", launch.minus(baseline.launch));
        }

        private static void line(String stores, String call, Stats s) {
            System.out.printf(Locale.ROOT, "%-10s %-13s %9.1f %9.1f %9.1f%n", stores, call, s.medianMicros, s.p99Micros, s.meanMicros);
        }
    }
}
