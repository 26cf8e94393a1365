package dev.partnerauth.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The ceiling: Jetty 12 with the demo's connector settings and one servlet that reads the request
 * body and answers a fixed JSON body the size of an authenticate response.
 * {@code java -cp ... dev.partnerauth.bench.BareServer PORT}
 */
public final class BareServer {
    private static final byte[] BODY = ("{\"access_token\":\"" + "x".repeat(330)
            + "\",\"token_type\":\"Bearer\",\"expires_in\":60,\"errors\":[]}").getBytes(StandardCharsets.UTF_8);

    private BareServer() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new Fixed()), "/*");
        server.setHandler(context);
        server.start();
        System.out.println("bare servlet on http://127.0.0.1:" + connector.getLocalPort());
        server.join();
    }

    private static final class Fixed extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try (InputStream in = request.getInputStream()) {
                in.readAllBytes();
            }
            response.setStatus(200);
            response.setContentType("application/json;charset=utf-8");
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }
}
