/**
 * Test support shared by the servlet tests and, through the test-jar, by the demo module: a
 * harness that runs one HTTP test suite against real embedded Jetty 12 (ee10) and Tomcat 11, and
 * the DealHub Partner API wire contract as an executable check.
 *
 * <p>{@link dev.partnerauth.servlet.testing.ContainerTest} runs a test method on every
 * {@link dev.partnerauth.servlet.testing.Containers} value; the method starts a
 * {@link dev.partnerauth.servlet.testing.ServletContainer} with the filters it needs and talks
 * to it through {@link dev.partnerauth.servlet.testing.Http} (well-formed calls) or
 * {@link dev.partnerauth.servlet.testing.RawHttp} (bytes the JDK client will not send).
 * {@link dev.partnerauth.servlet.testing.PartnerApiContract} validates requests and responses
 * against the contract; {@link dev.partnerauth.servlet.testing.OpenApiDocument} checks every
 * response that {@code Http} receives against the whole surface as the servlet jar documents it
 * ({@code META-INF/partner-auth/openapi.yaml}, OpenAPI 3.1).
 *
 * <p>Thread-safety: starting containers, {@code Http}, {@code RawHttp.send} and the contract are
 * safe from any thread; a {@code RawHttp.Connection} belongs to one thread. Null is rejected
 * everywhere, except where a method says {@code null} stands for "absent" (a missing body or
 * content type).
 */
package dev.partnerauth.servlet.testing;
