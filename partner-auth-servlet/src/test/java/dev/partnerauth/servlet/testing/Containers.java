package dev.partnerauth.servlet.testing;

import jakarta.servlet.ServletContext;
import java.util.function.Consumer;

/**
 * The real servlet containers the HTTP tests run on.
 *
 * <p>{@link #start} boots the container with one root context (context path {@code ""}) and
 * runs {@code setup} while that context starts, from a {@code ServletContainerInitializer}, so
 * the callback may call {@code addFilter}, {@code addServlet}, {@code addListener},
 * {@code setInitParameter} and {@code getSessionCookieConfig()} exactly as a host application
 * does programmatically. Both containers behave alike where the tests depend on it:
 *
 * <ul>
 *   <li>sessions are enabled ({@code JSESSIONID} cookie on path {@code /});
 *   <li>unless {@code setup} maps {@code "/"} itself, a fallback servlet mapped to {@code "/"}
 *       answers every method with the container's own 404 error page, so filters mapped to
 *       {@code /*} run for every path, mapped or not (Tomcat skips the filter chain when no
 *       servlet matches; Jetty's built-in fallback answers only GET with 404);
 *   <li>no forwarding-header customizer or {@code RemoteIpValve}: {@code getRemoteAddr()} is
 *       the socket peer, spelled as each container spells it: for {@code ::1} Tomcat gives
 *       {@code 0:0:0:0:0:0:0:1} and Jetty 12 gives {@code [0:0:0:0:0:0:0:1]}, brackets included;
 *   <li>otherwise the container defaults a host gets (URI and header compliance, error pages).
 * </ul>
 *
 * <p>If {@code setup} throws, or a filter or servlet fails to initialise, {@code start} throws
 * {@link IllegalStateException} with that failure as its cause and leaves nothing running.
 * Each call starts an independent container; calls may run concurrently.
 */
public enum Containers {
    JETTY {
        @Override
        public ServletContainer start(Consumer<ServletContext> setup) {
            return JettyContainer.start(new SetupInitializer(setup));
        }
    },
    TOMCAT {
        @Override
        public ServletContainer start(Consumer<ServletContext> setup) {
            return TomcatContainer.start(new SetupInitializer(setup));
        }
    };

    /** Starts this container; see the class documentation for what it guarantees. */
    public abstract ServletContainer start(Consumer<ServletContext> setup);
}
