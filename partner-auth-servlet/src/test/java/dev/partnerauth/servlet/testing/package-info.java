/**
 * Test harness: runs one HTTP test suite against real embedded Jetty 12 (ee10) and Tomcat 11.
 *
 * <p>{@link dev.partnerauth.servlet.testing.ContainerTest} runs a test method on every
 * {@link dev.partnerauth.servlet.testing.Containers} value; the method starts a
 * {@link dev.partnerauth.servlet.testing.ServletContainer} with the filters it needs and talks
 * to it through {@link dev.partnerauth.servlet.testing.Http} (well-formed calls) or
 * {@link dev.partnerauth.servlet.testing.RawHttp} (bytes the JDK client will not send).
 * Shipped in this module's test-jar for the demo module's tests.
 *
 * <p>Thread-safety: starting containers, {@code Http} and {@code RawHttp.send} are safe from
 * any thread; a {@code RawHttp.Connection} belongs to one thread. Null is rejected everywhere.
 */
package dev.partnerauth.servlet.testing;
