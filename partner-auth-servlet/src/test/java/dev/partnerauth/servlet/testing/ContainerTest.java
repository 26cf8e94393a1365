package dev.partnerauth.servlet.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs the annotated test method once per real servlet container; the method takes the
 * {@link Containers} value as its parameter and starts the container with the setup it needs.
 * The runs are reported as {@code [JETTY]} and {@code [TOMCAT]}; {@link ContainersInScope} can
 * narrow them to some containers.
 *
 * <pre>{@code
 * @ContainerTest
 * void landingWhenTokenReplayedThenRefused(Containers containers) {
 *     try (ServletContainer server = containers.start(ctx ->
 *             ctx.addFilter("landing", filter).addMappingForUrlPatterns(null, false, "/*"))) {
 *         Http.Response first = Http.plain().get(server.uri("/landing?token=" + token));
 *         Http.Response second = Http.plain().get(server.uri("/landing?token=" + token));
 *         assertEquals(302, first.status());
 *         assertEquals(401, second.status());
 *     }
 * }
 * }</pre>
 *
 * <p>Each test starts its own container: no state is shared between tests, and each test states
 * its configuration in the setup lambda. That is cheap: after the first start in a JVM (about
 * half a second of class loading) Jetty starts in under 10 ms and Tomcat in about 25 ms.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ParameterizedTest(name = "[{0}]")
@ArgumentsSource(ContainersInScope.class)
public @interface ContainerTest {}
