package dev.partnerauth.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop HTTP/1.1 load generator with a fixed number of keep-alive connections, one thread
 * each, for loopback runs against the demo, {@link BareServer} and the Spring one-time-token peer
 * ({@code src/test/peer/spring-ott}). Every run is bounded: a warm-up, then a measured period or
 * a number of requests, then it stops.
 *
 * <p>Since issue 24 the harness scripts ({@code peer-run.sh}, {@code cost-run.sh},
 * {@code load-run.sh}) drive every HTTP ratio and profile with wrk and the Lua scripts of
 * {@code src/test/bench}, which take less of the two cores from the servers they measure; they use
 * this class only for {@code flat}, which wrk cannot do (mint to a total count, reporting each band
 * of outstanding tokens). The other modes stay for runs by hand and for the tests of this package.
 *
 * <pre>
 * HttpLoad setup BASE_URL                      creates a key and enables the authenticator
 *                                              (admin password from DEMO_ADMIN_PASSWORD); prints the key
 * HttpLoad auth  BASE_URL KEY CONNS SECS WARMUP    POST authenticate/user, 1 000 users in turn (our mint)
 * HttpLoad pair  BASE_URL KEY CONNS SECS WARMUP    authenticate/user then open/quote with its token
 * HttpLoad landing BASE_URL KEY CONNS SECS WARMUP  the pair, then the landing GET that redeems the launch code
 * HttpLoad bare  URL CONNS SECS WARMUP             the same authenticate body to any URL (the ceiling)
 * HttpLoad spring-generate BASE_URL CONNS SECS WARMUP   Spring's POST /ott/generate alone
 * HttpLoad spring-pair     BASE_URL CONNS SECS WARMUP   Spring's generate then POST /login/ott
 * HttpLoad rounds CONNS SECS WARMUP ROUNDS LABEL=URL[,KEY]...
 *        warms each target up, then alternates them round by round and prints the ratios ({@link Rounds})
 * HttpLoad flat auth|spring-generate BASE_URL KEY|- CONNS TOTAL STEP MAXSECS TTL
 *        mints TOTAL tokens that nobody redeems, printing the rate per STEP tokens outstanding;
 *        stops after MAXSECS; TTL is the server's token lifetime, past which outstanding &lt; minted
 * </pre>
 */
public final class HttpLoad {
    private HttpLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: see the javadoc of dev.partnerauth.bench.HttpLoad");
        }
        String mode = args[0];
        switch (mode) {
            case "setup" -> System.out.println(setup(URI.create(args[1])));
            case "rounds" -> System.exit(Rounds.run(Arrays.copyOfRange(args, 1, args.length)) ? 0 : 1);
            case "flat" -> {
                if (flat(args, System.out).errors() > 0) {
                    System.exit(1);
                }
            }
            default -> {
                Scenario scenario = Scenario.named(mode);
                boolean keyed = scenario == Scenario.AUTH || scenario == Scenario.PAIR || scenario == Scenario.LANDING;
                int at = keyed ? 3 : 2;
                if (args.length != at + 3) {
                    throw new IllegalArgumentException(mode + (keyed ? " BASE_URL KEY" : " URL") + " CONNS SECS WARMUP");
                }
                String key = keyed ? args[2] : Scenario.UNISSUED_KEY;
                Result r = run(Scenario.Target.of(scenario, URI.create(args[1]), key), Integer.parseInt(args[at]),
                        Integer.parseInt(args[at + 2]), Integer.parseInt(args[at + 1]));
                r.print();
                if (r.errors() > 0) {
                    System.exit(1);
                }
            }
        }
    }

    private static String setup(URI base) throws Exception {
        String password = System.getenv("DEMO_ADMIN_PASSWORD");
        if (password == null) {
            throw new IllegalStateException("set DEMO_ADMIN_PASSWORD");
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();
        String admin = base + "/api/v1/admin/partner-auth/";
        HttpResponse<String> settings = client.send(HttpRequest.newBuilder(URI.create(admin + "settings"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(admin + "keys"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"load run\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(created.body());
        if (settings.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("setup failed: settings " + settings.statusCode() + ", key "
                    + created.statusCode() + " " + created.body());
        }
        return m.group(1);
    }

    /** What one measured run gave; latencies in nanoseconds, one per turn (a pair counts once). */
    record Result(String label, String unit, int connections, int seconds, int warmup, long[] sorted, int errors,
                  String firstError) {
        double rate() {
            return seconds == 0 ? 0 : sorted.length / (double) seconds;
        }

        double p(double q) {
            return percentile(sorted, sorted.length, q);
        }

        void print() {
            System.out.printf(Locale.ROOT, "%s: %d connections, %d s measured after %d s warm-up%n", label, connections,
                    seconds, warmup);
            System.out.printf(Locale.ROOT, "  %s/s %.0f   p50 %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms   errors %d%n",
                    unit, rate(), p(0.50), p(0.90), p(0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                    errors);
            if (firstError != null) {
                System.out.println("  first error: " + firstError);
            }
            System.out.flush();
        }
    }

    /** A closed loop over {@code connections} connections: {@code warmup} s unmeasured, then {@code seconds} s. */
    static Result run(Scenario.Target target, int connections, int warmup, int seconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        List<TimedWorker> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            // each connection starts at its own place among the users, so every first sign-in falls in the warm-up
            TimedWorker w = new TimedWorker(c, c * Math.max(1, Scenario.USERS / connections), target, measureFrom, end);
            workers.add(w);
            w.start();
        }
        long[] all = new long[0];
        int n = 0;
        int errors = 0;
        String firstError = null;
        for (TimedWorker w : workers) {
            w.join();
            all = Arrays.copyOf(all, n + w.count);
            System.arraycopy(w.latencies, 0, all, n, w.count);
            n += w.count;
            errors += w.errors;
            firstError = firstError == null ? w.firstError : firstError;
        }
        Arrays.sort(all, 0, n);
        return new Result(target.label(), target.scenario().unit, connections, seconds, warmup, all, errors, firstError);
    }

    static double percentile(long[] sorted, int n, double q) {
        return n == 0 ? 0 : sorted[Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n) - 1))] / 1e6;
    }

    /** One keep-alive connection in a closed loop for a fixed time. */
    private static final class TimedWorker extends Thread {
        private final int firstUser;
        private final Scenario.Target target;
        private final long measureFrom;
        private final long end;
        long[] latencies = new long[1 << 14];
        int count;
        int errors;
        String firstError;

        TimedWorker(int id, int firstUser, Scenario.Target target, long measureFrom, long end) {
            super("load-" + id);
            this.firstUser = firstUser;
            this.target = target;
            this.measureFrom = measureFrom;
            this.end = end;
        }

        @Override
        public void run() {
            int user = firstUser;
            try (Connection connection = new Connection(target.base().getHost(), target.base().getPort())) {
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    String failure = turn(connection, target, ++user);
                    long t1 = System.nanoTime();
                    if (failure != null) {
                        // a failed turn is never timed: an error must not make the rate look better
                        errors += t0 >= measureFrom ? 1 : 0;
                        firstError = firstError == null ? failure : firstError;
                        connection.close();
                    } else if (t0 >= measureFrom) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = t1 - t0;
                    }
                }
            }
        }
    }

    /** Runs one turn; {@code null} when it succeeded, else a short reason. */
    static String turn(Connection connection, Scenario.Target target, int user) {
        String failure;
        try {
            failure = target.scenario().turn(connection, target, user);
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
        return failure == null || failure.length() <= 300 ? failure : failure.substring(0, 300);
    }

    /**
     * Mints without redeeming, so that every token stays outstanding (while younger than the
     * server's lifetime), and prints the rate and latency of each {@code step} tokens: a flat
     * series is the target. Turns are numbered in the order they start; each step's rate is its
     * turns over the time between its last completion and the previous step's.
     */
    static Flat flat(String[] args, PrintStream out) throws InterruptedException {
        if (args.length != 9) {
            throw new IllegalArgumentException("flat auth|spring-generate BASE_URL KEY|- CONNS TOTAL STEP MAXSECS TTL");
        }
        Scenario scenario = Scenario.named(args[1]);
        if (scenario != Scenario.AUTH && scenario != Scenario.SPRING_GENERATE) {
            // a scenario that redeems leaves nothing outstanding, so its curve would say nothing
            throw new IllegalArgumentException("flat mints with auth or spring-generate, not " + args[1]);
        }
        Scenario.Target target = Scenario.Target.of(scenario, URI.create(args[2]), args[3]);
        int connections = Integer.parseInt(args[4]);
        int total = Integer.parseInt(args[5]);
        int step = Integer.parseInt(args[6]);
        long maxNanos = Long.parseLong(args[7]) * 1_000_000_000L;
        long ttlNanos = Long.parseLong(args[8]) * 1_000_000_000L;
        if (connections < 1 || total <= 0 || step <= 0 || step > total || maxNanos <= 0) {
            throw new IllegalArgumentException("need CONNS >= 1, 0 < STEP <= TOTAL, MAXSECS >= 1");
        }
        long[] latency = new long[total];
        long[] doneAt = new long[total];
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + maxNanos;
        List<Thread> workers = new ArrayList<>();
        String[] firstError = new String[1];
        for (int c = 0; c < connections; c++) {
            Thread w = new Thread(() -> {
                try (Connection connection = new Connection(target.base().getHost(), target.base().getPort())) {
                    while (true) {
                        long t0 = System.nanoTime();
                        int n = (int) next.getAndIncrement();
                        if (n >= total || t0 >= deadline) {
                            break;
                        }
                        String failure = turn(connection, target, n);
                        long t1 = System.nanoTime();
                        if (failure != null) {
                            connection.close();
                            synchronized (firstError) {
                                firstError[0] = firstError[0] == null ? failure : firstError[0];
                            }
                        }
                        // -1 marks a failed mint: no token is outstanding for it
                        latency[n] = failure == null ? t1 - t0 : -1;
                        doneAt[n] = t1;
                    }
                }
            }, "flat-" + c);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        out.printf(Locale.ROOT, "flat %s %s: %d connections, up to %d tokens in steps of %d, at most %d s%n",
                scenario.label, target.base(), connections, total, step, maxNanos / 1_000_000_000L);
        long previousEnd = start;
        double first = 0;
        double last = 0;
        int minted = 0;
        int errors = 0;
        for (int from = 0; from < total; from += step) {
            int to = Math.min(total, from + step);
            long[] ok = new long[to - from];
            int k = 0;
            int done = 0;
            long stepEnd = previousEnd;
            for (int n = from; n < to; n++) {
                if (doneAt[n] == 0) {
                    continue; // never started: the run hit MAXSECS
                }
                done++;
                stepEnd = Math.max(stepEnd, doneAt[n]);
                if (latency[n] < 0) {
                    errors++;
                } else {
                    ok[k++] = latency[n];
                }
            }
            if (done == 0) {
                break;
            }
            if (k == 0) {
                out.printf(Locale.ROOT, "  outstanding %7d-%7d: every mint failed%n", from, to);
                previousEnd = stepEnd;
                continue;
            }
            Arrays.sort(ok, 0, k);
            minted += k;
            double rate = k / ((stepEnd - previousEnd) / 1e9);
            first = first == 0 ? rate : first;
            last = rate;
            double elapsed = (stepEnd - start) / 1e9;
            out.printf(Locale.ROOT, "  outstanding %7d-%7d: %8.0f tokens/s   p50 %.2f ms   p99 %.2f ms   at %.1f s%s%n",
                    from, to, rate, percentile(ok, k, 0.50), percentile(ok, k, 0.99), elapsed,
                    stepEnd - start > ttlNanos ? "   (past the lifetime: the oldest have expired)" : "");
            previousEnd = stepEnd;
        }
        out.printf(Locale.ROOT, "  minted %d, errors %d; last step / first step = %.2f%n", minted, errors,
                first == 0 ? 0 : last / first);
        if (firstError[0] != null) {
            out.println("  first error: " + firstError[0]);
        }
        return new Flat(minted, errors, first == 0 ? 0 : last / first);
    }

    /** What a flat run minted, how many mints failed, and its last step's rate over its first's. */
    record Flat(int minted, int errors, double lastOverFirst) {
    }
}
