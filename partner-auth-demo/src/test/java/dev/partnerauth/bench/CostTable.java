package dev.partnerauth.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The per-request cost table of issue 15: CPU microseconds per turn of a load window, split first
 * by thread (exact, from {@code /proc}: request threads, GC, JIT, the audit writer, the rest) and
 * then, within the request threads, by stage in proportion to JFR's execution samples. Shares of
 * samples hold on a busy machine where absolute rates do not; the CPU time comes from the kernel,
 * not from the sample count, so a sampler that falls behind under load skews no total.
 *
 * <pre>
 * CostTable snapshot PID FILE                  per-thread CPU ticks of a process, at a window's edge
 * CostTable report BEFORE AFTER JFR TURNS       the table for TURNS turns served between the snapshots
 * </pre>
 *
 * <p>A sample's stage is its leaf-most frame outside the JDK: a partner-auth class by its simple
 * name, a library (H2, Hikari, Caffeine, nimbus) named together with the partner-auth class that
 * called it, Jetty alone when no partner-auth frame is on the stack (parsing, I/O, dispatch). Its
 * request is the partner-auth entry point on the stack ({@code authenticate}, {@code launch},
 * the landing filter), or the container's when there is none.
 */
final class CostTable {
    private static final long TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux
    private static final int ROWS = 18;

    private CostTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("snapshot")) {
            Files.write(Path.of(args[2]), snapshot(Long.parseLong(args[1])));
        } else if (args.length == 5 && args[0].equals("report")) {
            System.out.print(report(ticks(Path.of(args[1])), ticks(Path.of(args[2])), Path.of(args[3]),
                    Long.parseLong(args[4])));
        } else {
            throw new IllegalArgumentException("CostTable snapshot PID FILE | report BEFORE AFTER JFR TURNS");
        }
    }

    /** One line per thread: its id, name and user + system ticks. */
    static List<String> snapshot(long pid) throws IOException {
        List<String> lines = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue;
                }
                // the name is in parentheses and may hold spaces; the counters follow the last ')'
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] rest = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]); // utime, stime
                lines.add(task.getFileName() + "\t" + stat.substring(open + 1, close) + "\t" + ticks);
            }
        }
        return lines;
    }

    /** Thread id and name to ticks. */
    private static Map<String, Long> ticks(Path file) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            ticks.put(f[0] + "\t" + f[1], Long.parseLong(f[2]));
        }
        return ticks;
    }

    static String threadGroup(String name) {
        if (name.startsWith("qtp")) {
            return "request threads";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Periodic")) {
            return "GC";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (name.startsWith("partner-auth")) {
            return "partner-auth's own threads (" + name + ")";
        }
        return "other JVM threads";
    }

    static String report(Map<String, Long> before, Map<String, Long> after, Path jfr, long turns) throws IOException {
        Map<String, Long> groups = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            groups.merge(threadGroup(e.getKey().split("\t", 2)[1]), delta, Long::sum);
            total += delta;
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d turns, process CPU %.2f s: %.0f us per turn%n", turns,
                total / (double) TICKS_PER_SECOND, micros(total, turns)));
        out.append("by thread (from /proc)\n");
        for (Map.Entry<String, Long> g : groups.entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-52s %7.0f us  %5.1f %%%n", g.getKey(), micros(g.getValue(), turns),
                    100.0 * g.getValue() / Math.max(1, total)));
        }
        double requestMicros = micros(groups.getOrDefault("request threads", 0L), turns);

        Map<String, Integer> byStage = new HashMap<>();
        Map<String, Integer> byRequest = new LinkedHashMap<>();
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, Integer> leads = new LinkedHashMap<>();
        LEADS.keySet().forEach(l -> leads.put(l, 0));
        int samples = 0;
        int waits = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (event.getEventType().getName().equals("jdk.NativeMethodSample") && event.getStackTrace() != null) {
                // a request thread in native code inside a partner-auth call: waiting for I/O (the database)
                String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (thread != null && thread.startsWith("qtp") && anyPartnerAuth(frames)) {
                    waiting.merge(stage(frames), 1, Integer::sum);
                    waits++;
                }
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
            if (thread == null || !thread.startsWith("qtp")) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            byStage.merge(stage(frames), 1, Integer::sum);
            byRequest.merge(request(frames), 1, Integer::sum);
            List<String> names = frames.stream().map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList();
            LEADS.forEach((label, test) -> {
                if (test.test(names)) {
                    leads.merge(label, 1, Integer::sum);
                }
            });
            samples++;
        }
        out.append(String.format(Locale.ROOT, "request threads by request (%d JFR samples)%n", samples));
        append(out, byRequest, samples, requestMicros, byRequest.size());
        out.append("request threads by stage (leaf-most frame outside the JDK)\n");
        append(out, byStage, samples, requestMicros, ROWS);
        out.append("request threads, inclusive: samples with the frame anywhere on the stack (issue 24's leads; rows overlap)\n");
        for (Map.Entry<String, Integer> e : leads.entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-70s %7.1f us  %5.1f %%%n", e.getKey(),
                    requestMicros * e.getValue() / Math.max(1, samples), 100.0 * e.getValue() / Math.max(1, samples)));
        }
        if (waits > 0) {
            // native samples are taken at their own period: shares only, no microseconds
            out.append(String.format(Locale.ROOT,
                    "request threads waiting in native code inside a partner-auth call (%d JFR native samples; shares only)%n", waits));
            append(out, waiting, waits, Double.NaN, ROWS);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Map<String, Integer> counts, int samples, double micros, int rows) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        int shown = 0;
        int rest = 0;
        for (Map.Entry<String, Integer> e : sorted) {
            if (shown++ < rows) {
                out.append(Double.isNaN(micros)
                        ? String.format(Locale.ROOT, "  %-52s %10s  %5.1f %%%n", e.getKey(), "", 100.0 * e.getValue() / samples)
                        : String.format(Locale.ROOT, "  %-52s %7.1f us  %5.1f %%%n", e.getKey(),
                                micros * e.getValue() / samples, 100.0 * e.getValue() / samples));
            } else {
                rest += e.getValue();
            }
        }
        if (rest > 0) {
            out.append(Double.isNaN(micros)
                    ? String.format(Locale.ROOT, "  %-52s %10s  %5.1f %%%n", "(the rest)", "", 100.0 * rest / samples)
                    : String.format(Locale.ROOT, "  %-52s %7.1f us  %5.1f %%%n", "(the rest)", micros * rest / samples,
                            100.0 * rest / samples));
        }
    }

    private static double micros(long ticks, long turns) {
        return turns == 0 ? Double.NaN : ticks * 1e6 / TICKS_PER_SECOND / turns;
    }

    static String stage(List<RecordedFrame> frames) {
        String library = null;
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("dev.partnerauth.")) {
                // nested and hidden (lambda) classes count as their top-level class
                String topLevel = type.indexOf('$') < 0 ? type : type.substring(0, type.indexOf('$'));
                String owner = topLevel.substring(topLevel.lastIndexOf('.') + 1);
                if (library != null && DATABASE.contains(library)) {
                    if (JDBC_HELPERS.contains(owner)) {
                        continue; // the store that called the helper names the statement
                    }
                    // one statement per store method: the method tells them apart
                    return library + " via " + owner + "." + f.getMethod().getName();
                }
                return library == null ? owner : library + " via " + owner;
            }
            String lib = library(type);
            if (lib != null && library == null) {
                library = lib;
                if (lib.equals("Jetty") && !anyPartnerAuth(frames)) {
                    return "Jetty (no partner-auth frame: parse, I/O, dispatch)";
                }
            }
        }
        return library != null ? library : "JDK only (" + (frames.isEmpty() ? "?" : frames.get(0).getMethod().getType().getName()) + ")";
    }

    /**
     * Issue 24's leads, each a test on a sample's stack (frames as {@code class.method}, leaf first):
     * what share of the request threads' CPU is spent under it, wherever it is on the stack.
     */
    static final Map<String, java.util.function.Predicate<List<String>>> LEADS = new LinkedHashMap<>();

    static {
        LEADS.put("user store upsert (any *UserStore.upsert)", any(".*UserStore\\.upsert"));
        LEADS.put("  of it in the driver or the pool (pgjdbc, Hikari, H2)", under(".*UserStore\\.upsert", "(org\\.postgresql|com\\.zaxxer|org\\.h2)\\..*"));
        LEADS.put("JWS parse on open/* (nimbus *.parse under TokenService)", under(".*\\.TokenService\\..*", "com\\.nimbusds\\..*\\.parse"));
        LEADS.put("JWS verify on open/* (nimbus *.verify under TokenService)", under(".*\\.TokenService\\..*", "com\\.nimbusds\\..*\\.verify"));
        LEADS.put("JWS sign on authenticate (nimbus under AccessTokenSigner)", under(".*AccessTokenSigner\\..*", "com\\.nimbusds\\..*"));
        LEADS.put("JSON answer: JsonResponses.write, all of it", any(".*JsonResponses\\.write"));
        LEADS.put("  Json.write (the body to a String)", under(".*JsonResponses\\.write", ".*internal\\.json\\.Json\\..*"));
        LEADS.put("  String.getBytes (the String to UTF-8)", under(".*JsonResponses\\.write", "java\\.lang\\.String\\.(getBytes|encode.*)"));
        LEADS.put("  Jetty (headers, commit, write)", under(".*JsonResponses\\.write", "org\\.eclipse\\.jetty\\..*"));
        LEADS.put("request body read and parse (RequestBodies, ApiBodies)", any(".*\\.(RequestBodies|ApiBodies)\\..*"));
        LEADS.put("Caffeine, all of it", any("com\\.github\\.benmanes\\.caffeine\\..*"));
        LEADS.put("  Caffeine write upkeep (afterWrite, drain, maintenance)",
                any("com\\.github\\.benmanes\\.caffeine\\..*\\.(afterWrite|scheduleDrainBuffers|scheduleAfterWrite|maintenance|drainWriteBuffer|performCleanUp|onWrite)"));
        LEADS.put("grant store (any *GrantStore.*)", any(".*GrantStore\\..*"));
        LEADS.put("audit on the request thread (any dev.partnerauth.audit.*)", any("dev\\.partnerauth\\.audit\\..*"));
        LEADS.put("the database on the request thread (pgjdbc, Hikari, H2)", any("(org\\.postgresql|com\\.zaxxer|org\\.h2)\\..*"));
        LEADS.put("Jetty with no partner-auth frame (parse, I/O, dispatch)",
                names -> names.stream().noneMatch(n -> n.startsWith("dev.partnerauth.")) && names.stream().anyMatch(n -> n.startsWith("org.eclipse.jetty.")));
    }

    private static java.util.function.Predicate<List<String>> any(String regex) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        return names -> names.stream().anyMatch(n -> p.matcher(n).matches());
    }

    /** A frame matching {@code inner} called (directly or not) by a frame matching {@code outer}. */
    private static java.util.function.Predicate<List<String>> under(String outer, String inner) {
        java.util.regex.Pattern o = java.util.regex.Pattern.compile(outer);
        java.util.regex.Pattern i = java.util.regex.Pattern.compile(inner);
        return names -> {
            // leaf first: the outer frame must come after the inner one
            int at = -1;
            for (int k = names.size() - 1; k >= 0; k--) {
                if (o.matcher(names.get(k)).matches()) {
                    at = k;
                    break;
                }
            }
            for (int k = 0; k < at; k++) {
                if (i.matcher(names.get(k)).matches()) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Libraries whose samples are a statement's cost (the driver and the pool), named by the store method. */
    private static final java.util.Set<String> DATABASE = java.util.Set.of("pgjdbc", "Hikari", "H2");
    /** partner-auth's shared JDBC plumbing, skipped to find the store that runs the statement. */
    private static final java.util.Set<String> JDBC_HELPERS = java.util.Set.of("StoreDatabase");

    private static boolean anyPartnerAuth(List<RecordedFrame> frames) {
        return frames.stream().anyMatch(f -> f.getMethod().getType().getName().startsWith("dev.partnerauth."));
    }

    private static String library(String type) {
        if (type.startsWith("org.eclipse.jetty.")) {
            return "Jetty";
        }
        if (type.startsWith("org.h2.")) {
            return "H2";
        }
        if (type.startsWith("com.zaxxer.hikari.")) {
            return "Hikari";
        }
        if (type.startsWith("org.postgresql.")) {
            return "pgjdbc";
        }
        if (type.startsWith("com.github.benmanes.caffeine.")) {
            return "Caffeine";
        }
        if (type.startsWith("com.nimbusds.")) {
            return "nimbus";
        }
        if (type.startsWith("org.slf4j.")) {
            return "slf4j";
        }
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("com.sun.") ? null : type.substring(0, Math.max(0, type.lastIndexOf('.')));
    }

    static String request(List<RecordedFrame> frames) {
        // the leaf-most entry point decides: every request passes through the landing filter on its way
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            String method = f.getMethod().getName();
            if (type.equals("dev.partnerauth.PartnerAuth")) {
                switch (method) {
                    case "authenticate" -> {
                        return "authenticate/user: PartnerAuth.authenticate";
                    }
                    case "launch" -> {
                        return "open/quote: PartnerAuth.launch";
                    }
                    case "redeemLaunchCode" -> {
                        return "landing: PartnerAuth.redeemLaunchCode";
                    }
                    case "checkSession" -> {
                        return "landing: PartnerAuth.checkSession";
                    }
                    default -> {
                        // a helper of the facade: its caller names the request
                    }
                }
            }
            if (type.startsWith("dev.partnerauth.servlet.HttpSessionEstablisher")
                    || type.startsWith("dev.partnerauth.servlet.SessionEstablisher")) {
                return "landing: session established (HttpSessionEstablisher)";
            }
            if (type.startsWith("dev.partnerauth.servlet.PartnerApiFilter")) {
                return "API filter outside the core (body, reply; authenticate or open)";
            }
            if (type.startsWith("dev.partnerauth.servlet.PartnerLandingFilter")) {
                return "landing filter outside the core";
            }
        }
        if (anyPartnerAuth(frames)) {
            return "partner-auth, elsewhere";
        }
        return "container only (Jetty: parse, I/O, dispatch)";
    }
}
