package dev.partnerauth.servlet.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Every log line of this test JVM, as {@link CapturingLogProvider} formatted it (stack traces
 * included), for tests that assert what never reaches a log. Take a {@link #mark()} before the
 * scenario and read {@link #since(int)} after it. Thread-safe.
 */
public final class CapturedLogs {
    private static final List<String> LINES = new ArrayList<>();

    private CapturedLogs() {
    }

    static void record(String line) {
        synchronized (LINES) {
            LINES.add(line);
        }
    }

    /** A position in the log: the lines recorded so far. */
    public static int mark() {
        synchronized (LINES) {
            return LINES.size();
        }
    }

    /** The lines recorded after {@code mark}, in order. */
    public static List<String> since(int mark) {
        synchronized (LINES) {
            return new ArrayList<>(LINES.subList(mark, LINES.size()));
        }
    }
}
