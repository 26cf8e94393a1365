package dev.partnerauth.servlet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Globals;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.modeler.Registry;

/**
 * Embedded Tomcat 11: two NIO HTTP/1.1 connectors, one bare {@link StandardContext} (no web.xml,
 * no JSP, no default servlet, no valves beyond Tomcat's own), its base directory a temporary
 * directory deleted on close.
 */
final class TomcatContainer implements ServletContainer {

    static {
        ContainerLogging.quietTomcat();
        // MBeans would only cost start-up time and collide between concurrent instances
        Registry.disableRegistry();
    }

    private final Tomcat tomcat;
    private final Path baseDir;
    private final int port;
    private boolean closed;

    private TomcatContainer(Tomcat tomcat, Path baseDir, int port) {
        this.tomcat = tomcat;
        this.baseDir = baseDir;
        this.port = port;
    }

    static ServletContainer start(SetupInitializer initializer) {
        return LoopbackPorts.bindBoth(() -> attempt(initializer));
    }

    private static TomcatContainer attempt(SetupInitializer initializer) {
        Path baseDir;
        Path docBase;
        try {
            baseDir = Files.createTempDirectory("partner-auth-tomcat");
            docBase = Files.createDirectory(baseDir.resolve("docbase"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Tomcat base directory", e);
        }
        Tomcat tomcat = newTomcat(baseDir);
        Connector v4 = connector(LoopbackPorts.IPV4, 0);
        tomcat.setConnector(v4);

        Context context = tomcat.addContext("", docBase.toString());
        context.addServletContainerInitializer(initializer, null);
        StandardContext standard = (StandardContext) context;
        // a filter or servlet that fails init must fail the start, as it does on Jetty
        standard.setFailCtxIfServletStartFails(true);
        // redeploy-leak hunting: needs --add-opens and only warns on every stop in a test JVM
        standard.setClearReferencesThreadLocals(false);
        standard.setClearReferencesRmiTargets(false);
        StandardManager sessions = new StandardManager();
        sessions.setPathname(null); // no SESSIONS.ser written on stop
        context.setManager(sessions);

        try {
            tomcat.start();
        } catch (LifecycleException e) {
            Throwable cause = initializer.failure() != null ? initializer.failure() : e;
            throw stopAfterFailure(tomcat, baseDir, new IllegalStateException("Tomcat failed to start", cause));
        }
        // Tomcat logs a failed connector or context and carries on, so ask each for its state
        if (!isStarted(v4)) {
            throw stopAfterFailure(tomcat, baseDir,
                    new IllegalStateException("Tomcat could not bind " + LoopbackPorts.IPV4));
        }
        if (context.getState() != LifecycleState.STARTED) {
            throw stopAfterFailure(tomcat, baseDir,
                    new IllegalStateException("Tomcat context failed to start", initializer.failure()));
        }
        int port = v4.getLocalPort();
        Connector v6 = connector(LoopbackPorts.IPV6, port);
        Throwable bindFailure = null;
        try {
            tomcat.getService().addConnector(v6);
        } catch (IllegalArgumentException startFailure) {
            // how addConnector reports that the connector failed to start; the state check decides
            bindFailure = startFailure;
        }
        if (!isStarted(v6)) {
            throw stopAfterFailure(tomcat, baseDir, new LoopbackPorts.PortTaken(port, bindFailure));
        }
        return new TomcatContainer(tomcat, baseDir, port);
    }

    /**
     * Tomcat publishes its directories as the JVM-wide properties {@code catalina.base} and
     * {@code catalina.home}, and takes {@code catalina.home} from a previous instance if set:
     * later instances would then recreate the first one's deleted directory. Each instance
     * gets its own home, and the properties are put back once it has read them.
     */
    private static Tomcat newTomcat(Path baseDir) {
        synchronized (TomcatContainer.class) {
            String home = System.getProperty(Globals.CATALINA_HOME_PROP);
            String base = System.getProperty(Globals.CATALINA_BASE_PROP);
            try {
                System.setProperty(Globals.CATALINA_HOME_PROP, baseDir.toString());
                Tomcat tomcat = new Tomcat();
                tomcat.setBaseDir(baseDir.toString());
                tomcat.getServer(); // reads and writes the properties, once per instance
                return tomcat;
            } finally {
                restore(Globals.CATALINA_HOME_PROP, home);
                restore(Globals.CATALINA_BASE_PROP, base);
            }
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static Connector connector(String address, int port) {
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", address);
        connector.setProperty("minSpareThreads", "2");
        return connector;
    }

    private static boolean isStarted(Connector connector) {
        return connector.getState() == LifecycleState.STARTED && connector.getLocalPort() > 0;
    }

    private static RuntimeException stopAfterFailure(Tomcat tomcat, Path baseDir, RuntimeException primary) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException | RuntimeException e) {
            primary.addSuppressed(e);
        }
        try {
            deleteRecursively(baseDir);
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
        return primary;
    }

    @Override
    public int port() {
        return port;
    }

    Path baseDir() {
        return baseDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            tomcat.stop();
            tomcat.destroy();
            deleteRecursively(baseDir);
        } catch (LifecycleException | IOException e) {
            throw new IllegalStateException("Tomcat failed to stop cleanly", e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    @Override
    public String toString() {
        return "Tomcat on port " + port;
    }
}
