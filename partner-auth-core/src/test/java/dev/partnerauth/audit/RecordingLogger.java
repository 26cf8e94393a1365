package dev.partnerauth.audit;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that keeps every line as {@code LEVEL message}, arguments substituted: the core tests
 * have no SLF4J binding, so a log that must receive what it could not store is handed one of these.
 * Thread-safe.
 */
final class RecordingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient List<String> lines = new ArrayList<>();

    RecordingLogger() {
        this.name = "recording";
    }

    /** The lines logged so far, oldest first. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines logged at WARN so far, without their level. */
    List<String> warnings() {
        return lines().stream().filter(l -> l.startsWith("WARN ")).map(l -> l.substring(5)).toList();
    }

    @Override
    public boolean isTraceEnabled() {
        return true;
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        String line = level + " " + MessageFormatter.basicArrayFormat(pattern, arguments);
        synchronized (lines) {
            lines.add(line);
        }
    }
}
