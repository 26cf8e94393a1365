package dev.partnerauth.servlet.testing;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs the test's setup callback at context start-up, then installs the 404 fallback, and
 * remembers a failure so that {@code start} can rethrow it: Tomcat only logs a failed context
 * and keeps running.
 */
final class SetupInitializer implements ServletContainerInitializer {

    static final String FALLBACK_SERVLET_NAME = "partner-auth-test-not-found";

    private final Consumer<ServletContext> setup;
    private volatile Throwable failure;

    SetupInitializer(Consumer<ServletContext> setup) {
        this.setup = Objects.requireNonNull(setup, "setup");
    }

    @Override
    public void onStartup(Set<Class<?>> ignored, ServletContext context) {
        try {
            setup.accept(context);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        }
        if (!mapsDefaultPath(context)) {
            context.addServlet(FALLBACK_SERVLET_NAME, new NotFoundServlet()).addMapping("/");
        }
    }

    Throwable failure() {
        return failure;
    }

    private static boolean mapsDefaultPath(ServletContext context) {
        for (ServletRegistration registration : context.getServletRegistrations().values()) {
            if (registration.getMappings().contains("/")) {
                return true;
            }
        }
        return false;
    }
}
