package dev.partnerauth.servlet.testing;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps container start-up banners out of test output while letting warnings through. A level
 * the developer set (a {@code -D} property, a logging config file) wins.
 */
final class ContainerLogging {

    private static final String JETTY_LEVEL = "org.slf4j.simpleLogger.log.org.eclipse.jetty";
    // JUL holds loggers weakly: without this reference the level set here could be collected away
    private static final Logger TOMCAT = Logger.getLogger("org.apache");

    private ContainerLogging() {}

    static void quietJetty() {
        // slf4j-simple reads a logger's level when the logger is created, so this works even if
        // slf4j itself is already initialised, as long as no Jetty class has logged yet
        if (System.getProperty(JETTY_LEVEL) == null) {
            System.setProperty(JETTY_LEVEL, "warn");
        }
    }

    static void quietTomcat() {
        if (System.getProperty("java.util.logging.config.file") == null && TOMCAT.getLevel() == null) {
            TOMCAT.setLevel(Level.WARNING);
        }
    }
}
