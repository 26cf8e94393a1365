package dev.partnerauth.servlet.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.catalina.util.ServerInfo;
import org.junit.jupiter.api.Test;

/**
 * The HTTP suite runs twice in the build: on Tomcat 11 with every container, and on Tomcat 10.1
 * alone. This proves which Tomcat each run really had on its classpath.
 */
class TomcatVersionTest {
    static final String PROPERTY = "partnerauth.test.tomcat.version";

    @Test
    void tomcatOnClasspathIsTheOneThisRunWasConfiguredFor() {
        String expected = System.getProperty(PROPERTY, "11.");
        String actual = ServerInfo.getServerNumber();

        assertTrue(actual.startsWith(expected), "expected Tomcat " + expected + "x, found " + actual);
    }
}
