package dev.partnerauth.servlet.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 binding of the servlet tests, registered through {@code META-INF/services}: every
 * line is formatted as a real binding would (arguments substituted, a trailing throwable's stack
 * trace rendered), kept in {@link CapturedLogs} and printed to stderr.
 *
 * <p>partner-auth's own loggers ({@code dev.partnerauth.*}) are captured at every level, so a
 * secret logged at debug is caught as surely as one logged at error; they print from
 * {@code info}. Other loggers (the containers) log from their configured level, read from
 * slf4j-simple's properties ({@code org.slf4j.simpleLogger.defaultLogLevel},
 * {@code org.slf4j.simpleLogger.log.<name>}) so that existing settings keep working.
 */
public final class CapturingLogProvider implements SLF4JServiceProvider {
    private static final String OWN = "dev.partnerauth";
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, CapturingLogger::new);

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: loggers read their level when created
    }

    /** The level a logger prints from, as slf4j-simple would choose it; {@code null} for "off". */
    static Level configuredLevel(String name) {
        String n = name;
        while (true) {
            String value = System.getProperty("org.slf4j.simpleLogger.log." + n);
            if (value != null) {
                return parse(value);
            }
            int dot = n.lastIndexOf('.');
            if (dot < 0) {
                return parse(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "info"));
            }
            n = n.substring(0, dot);
        }
    }

    private static Level parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        return v.equals("OFF") ? null : Level.valueOf(v);
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient Level printFrom;
        private final transient Level captureFrom;

        CapturingLogger(String name) {
            this.name = name;
            this.printFrom = configuredLevel(name);
            this.captureFrom = name.equals(OWN) || name.startsWith(OWN + ".") ? Level.TRACE : printFrom;
        }

        private boolean enabled(Level level) {
            return captureFrom != null && level.toInt() >= captureFrom.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            Throwable thrown = throwable;
            Object[] args = arguments;
            if (thrown == null) {
                // logger.error("... {}", id, e): the trailing throwable is not a format argument
                thrown = MessageFormatter.getThrowableCandidate(arguments);
                if (thrown != null) {
                    args = MessageFormatter.trimmedCopy(arguments);
                }
            }
            StringBuilder line = new StringBuilder()
                    .append(level).append(" [").append(Thread.currentThread().getName()).append("] ")
                    .append(name).append(" - ").append(MessageFormatter.basicArrayFormat(pattern, args));
            if (thrown != null) {
                StringWriter trace = new StringWriter();
                thrown.printStackTrace(new PrintWriter(trace));
                line.append(System.lineSeparator()).append(trace);
            }
            String text = line.toString();
            CapturedLogs.record(text);
            if (printFrom != null && level.toInt() >= printFrom.toInt()) {
                System.err.println(text);
            }
        }
    }
}
