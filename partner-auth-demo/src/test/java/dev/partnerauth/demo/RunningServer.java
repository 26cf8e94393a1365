package dev.partnerauth.demo;

import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A Jetty server on a free loopback port, for tests. */
public final class RunningServer implements AutoCloseable {

    private final Server server;
    private final URI uri;

    private RunningServer(Server server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    public static RunningServer start(Handler handler) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        return new RunningServer(server, URI.create("http://localhost:" + connector.getLocalPort()));
    }

    /** {@code http://localhost:<port>}, no trailing slash. */
    public URI uri() {
        return uri;
    }

    public URI resolve(String path) {
        return URI.create(uri + path);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the server", e);
        }
    }
}
