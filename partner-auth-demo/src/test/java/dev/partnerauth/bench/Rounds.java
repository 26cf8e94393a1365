package dev.partnerauth.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The A B A B comparison of issue 15: every target warmed up in turn, then measured in rounds
 * where each target runs once, so that a reference and the product it is compared with are always
 * minutes apart at most and share whatever else the machine is doing. One JVM drives all rounds,
 * so the load generator's own JIT warm-up happens once, before the first measured second.
 *
 * <p>{@code rounds CONNS SECS WARMUP ROUNDS LABEL=URL[,KEY]...}, with labels among {@code bare},
 * {@code auth}, {@code pair}, {@code landing}, {@code spring-pair}, {@code spring-generate}; a label may
 * carry a suffix after {@code ~} ({@code pair~before}) to run its scenario against a second server,
 * and the ratio of the plain label to it is printed.
 */
final class Rounds {
    private Rounds() {
    }

    /** Runs and reports; {@code false} if any measured turn failed. */
    static boolean run(String[] args) throws InterruptedException {
        if (args.length < 5) {
            throw new IllegalArgumentException("rounds CONNS SECS WARMUP ROUNDS LABEL=URL[,KEY]...");
        }
        int connections = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        if (connections < 1 || seconds < 1 || warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("need CONNS >= 1, SECS >= 1, WARMUP >= 0, ROUNDS >= 1");
        }
        Map<String, Scenario.Target> targets = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected LABEL=URL[,KEY], got '" + args[i] + "'");
            }
            String label = args[i].substring(0, eq);
            Scenario scenario = Scenario.named(label.split("~", 2)[0]);
            String[] urlAndKey = args[i].substring(eq + 1).split(",", 2);
            String key = urlAndKey.length > 1 ? urlAndKey[1] : Scenario.UNISSUED_KEY;
            if (targets.put(label, Scenario.Target.of(scenario, label, URI.create(urlAndKey[0]), key)) != null) {
                throw new IllegalArgumentException("target '" + label + "' named twice");
            }
        }
        if (warmup > 0) {
            for (Scenario.Target t : targets.values()) {
                HttpLoad.Result warm = HttpLoad.run(t, connections, 0, warmup);
                System.out.printf(Locale.ROOT, "warm-up %s: %d s, %.0f %s/s, errors %d%s%n", t.label(), warmup,
                        warm.rate(), warm.unit(), warm.errors(),
                        warm.firstError() == null ? "" : " (first: " + warm.firstError() + ")");
            }
        }
        Map<String, List<HttpLoad.Result>> results = new LinkedHashMap<>();
        boolean clean = true;
        for (int r = 1; r <= rounds; r++) {
            System.out.println("round " + r);
            for (Scenario.Target t : targets.values()) {
                HttpLoad.Result result = HttpLoad.run(t, connections, 0, seconds);
                result.print();
                results.computeIfAbsent(t.label(), k -> new ArrayList<>()).add(result);
                clean &= result.errors() == 0;
            }
        }
        System.out.print(report(results));
        if (!clean) {
            System.out.println("ERRORS in measured rounds: the figures above are not comparable");
        }
        return clean;
    }

    /** The ratios issue 15 sets targets for, round by round, from whichever targets were run. */
    static String report(Map<String, List<HttpLoad.Result>> results) {
        StringBuilder out = new StringBuilder("ratios (issue 15 targets in brackets)\n");
        ratio(out, results, "auth", "bare", "authenticate/user req/s / bare req/s   [>= 0.50]", false);
        ratio(out, results, "auth", "bare", "authenticate/user p99 / bare p99       [<= 3.0]", true);
        ratio(out, results, "pair", "spring-pair", "our pairs/s / Spring OTT pairs/s       [>= 1.0]", false);
        ratio(out, results, "auth", "spring-generate", "our mint req/s / Spring generate req/s", false);
        // a label with a suffix (pair~before) is the same scenario against a reference build of the demo
        results.keySet().stream().filter(l -> l.contains("~") && results.containsKey(l.split("~", 2)[0]))
                .forEach(l -> ratio(out, results, l.split("~", 2)[0], l,
                        String.format(Locale.ROOT, "%-38s", l.split("~", 2)[0] + " / " + l), false));
        out.append("change from the round before, in % of it (issue 15: consecutive rounds within 10 %)\n");
        results.forEach((label, list) -> {
            if (list.size() < 2) {
                return;
            }
            out.append(String.format(Locale.ROOT, "  %-16s", label));
            double worst = 0;
            for (int i = 1; i < list.size(); i++) {
                double before = list.get(i - 1).rate();
                double change = before == 0 ? Double.NaN : 100 * (list.get(i).rate() - before) / before;
                worst = Math.max(worst, Math.abs(change));
                out.append(String.format(Locale.ROOT, " %+6.1f", change));
            }
            out.append(String.format(Locale.ROOT, "   largest %.1f%n", worst));
        });
        return out.toString();
    }

    private static void ratio(StringBuilder out, Map<String, List<HttpLoad.Result>> results, String of, String to,
                              String title, boolean p99) {
        List<HttpLoad.Result> a = results.get(of);
        List<HttpLoad.Result> b = results.get(to);
        if (a == null || b == null) {
            return;
        }
        out.append("  ").append(title).append(':');
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            double num = p99 ? a.get(i).p(0.99) : a.get(i).rate();
            double den = p99 ? b.get(i).p(0.99) : b.get(i).rate();
            double ratio = den == 0 ? Double.NaN : num / den;
            ratios.add(ratio);
            out.append(String.format(Locale.ROOT, " %.2f", ratio));
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        int mid = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
        out.append(String.format(Locale.ROOT, "   median %.2f%n", median));
    }
}
