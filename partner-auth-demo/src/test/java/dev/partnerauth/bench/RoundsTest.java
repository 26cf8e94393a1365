package dev.partnerauth.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundsTest {
    /** A 10 s result of {@code perSecond} turns a second, every one taking {@code millis}. */
    private static HttpLoad.Result result(String label, int perSecond, long millis) {
        long[] latencies = new long[perSecond * 10];
        java.util.Arrays.fill(latencies, millis * 1_000_000);
        return new HttpLoad.Result(label, "requests", 50, 10, 0, latencies, 0, null);
    }

    @Test
    void reportGivesEachRoundsRatioAndTheirMedian() {
        Map<String, List<HttpLoad.Result>> results = new LinkedHashMap<>();
        results.put("bare", List.of(result("bare", 1000, 2), result("bare", 1000, 4)));
        results.put("auth", List.of(result("auth", 500, 10), result("auth", 600, 8)));

        String report = Rounds.report(results);

        assertTrue(report.contains("authenticate/user req/s / bare req/s   [>= 0.50]: 0.50 0.60   median 0.55"), report);
        assertTrue(report.contains("authenticate/user p99 / bare p99       [<= 3.0]: 5.00 2.00   median 3.50"), report);
        assertTrue(report.lines().anyMatch(line -> line.trim().startsWith("auth ") && line.contains(" +20.0")
                && line.endsWith("largest 20.0")), report);
    }

    @Test
    void reportLeavesOutARatioWhoseReferenceWasNotRun() {
        Map<String, List<HttpLoad.Result>> results = new LinkedHashMap<>();
        results.put("pair", List.of(result("pair", 100, 5)));

        String report = Rounds.report(results);

        assertFalse(report.contains("Spring OTT pairs"), report);
        assertFalse(report.contains("bare req/s"), report);
    }

    @Test
    void reportComparesALabelWithItsSuffixedReference() {
        Map<String, List<HttpLoad.Result>> results = new LinkedHashMap<>();
        results.put("pair", List.of(result("pair", 300, 5)));
        results.put("pair~before", List.of(result("pair~before", 100, 5)));

        String report = Rounds.report(results);

        assertTrue(report.lines().anyMatch(line -> line.contains("pair / pair~before") && line.contains(": 3.00")), report);
    }

    @Test
    void aTargetNamedTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rounds.run(new String[] {"1", "1", "0", "1", "bare=http://127.0.0.1:1/", "bare=http://127.0.0.1:2/"}));
        assertTrue(e.getMessage().contains("named twice"), e.getMessage());
    }

    @Test
    void aTargetWithoutUrlIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rounds.run(new String[] {"1", "1", "0", "1", "http://127.0.0.1:1/"}));
        assertTrue(e.getMessage().contains("LABEL=URL"), e.getMessage());
    }
}
