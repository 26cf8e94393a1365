package dev.partnerauth.servlet.testing;

import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Embedded Jetty 12 (ee10): two plain HTTP/1.1 connectors, one {@link ServletContextHandler}. */
final class JettyContainer implements ServletContainer {

    static {
        ContainerLogging.quietJetty();
    }

    private final Server server;
    private final int port;

    private JettyContainer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static ServletContainer start(SetupInitializer initializer) {
        return LoopbackPorts.bindBoth(() -> attempt(initializer));
    }

    private static JettyContainer attempt(SetupInitializer initializer) {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("test-jetty");
        Server server = new Server(threads);
        // a plain HttpConfiguration: no ForwardedRequestCustomizer, so getRemoteAddr() stays the peer
        HttpConfiguration http = new HttpConfiguration();
        ServerConnector v4 = new ServerConnector(server, new HttpConnectionFactory(http));
        v4.setHost(LoopbackPorts.IPV4);
        v4.setPort(0);
        ServerConnector v6 = new ServerConnector(server, new HttpConnectionFactory(http));
        v6.setHost(LoopbackPorts.IPV6);
        server.setConnectors(new ServerConnector[] {v4, v6});

        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        context.getServletHandler().setEnsureDefaultServlet(false);
        context.addServletContainerInitializer(initializer);
        server.setHandler(context);

        int port;
        try {
            v4.open();
            port = v4.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Jetty could not bind " + LoopbackPorts.IPV4, e);
        }
        v6.setPort(port);
        try {
            v6.open();
        } catch (IOException e) {
            v4.close();
            throw new LoopbackPorts.PortTaken(port, e);
        }
        try {
            server.start();
        } catch (Exception e) {
            stopAfterFailure(server, v4, v6, e);
            throw new IllegalStateException("Jetty failed to start", causeOf(initializer, e));
        }
        if (!context.isAvailable()) {
            IllegalStateException failure = new IllegalStateException(
                    "Jetty context is unavailable", causeOf(initializer, null));
            stopAfterFailure(server, v4, v6, failure);
            throw failure;
        }
        return new JettyContainer(server, port);
    }

    private static Throwable causeOf(SetupInitializer initializer, Throwable fallback) {
        return initializer.failure() != null ? initializer.failure() : fallback;
    }

    private static void stopAfterFailure(Server server, ServerConnector v4, ServerConnector v6, Throwable primary) {
        try {
            server.stop();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
        // opened by hand before start(); stop() leaves a connector open if start() never reached it
        v4.close();
        v6.close();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty failed to stop", e);
        }
    }

    @Override
    public String toString() {
        return "Jetty on port " + port;
    }
}
