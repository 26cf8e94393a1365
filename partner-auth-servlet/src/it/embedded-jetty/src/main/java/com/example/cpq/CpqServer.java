package com.example.cpq;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.AdminAuthorizer;
import dev.partnerauth.servlet.PartnerAuthFilters;
import dev.partnerauth.servlet.PartnerSessions;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Password;

/**
 * A CPQ on embedded Jetty 12 with partner-auth mounted, written as README.md tells a host to.
 * {@code PARTNER_AUTH_PEPPER} and {@code CPQ_ADMIN_PASSWORD} come from the environment, as they
 * would in production; the test hands them in directly.
 */
public final class CpqServer implements AutoCloseable {
    private final Server server;

    private CpqServer(Server server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        start(8080, URI.create(System.getenv("CPQ_PUBLIC_URL")), System.getenv("PARTNER_AUTH_PEPPER"),
                System.getenv("CPQ_ADMIN_PASSWORD")).server.join();
    }

    /** Starts the CPQ on {@code port} (0: any free port) with partner-auth mounted. */
    public static CpqServer start(int port, URI publicUrl, String pepper, String adminPassword) throws Exception {
        // README:begin jetty-partner-auth
        PartnerAuth auth = PartnerAuth.builder()
                .keyPepper(KeyPepper.fromBase64(pepper))   // 32+ random bytes, the same on every node
                .publicBaseUrl(publicUrl)                   // redirect URLs are built from this
                .build();
        PartnerAuthFilters filters = PartnerAuthFilters.builder(auth)
                .adminAuthorizer(AdminAuthorizer.containerRole("cpq-admin", "Basic realm=\"CPQ\""))
                .build();
        // README:end
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        // README:begin jetty-mount
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                filters.register(event.getServletContext());   // API, admin API, landing filter
            }
        });
        context.addServlet(new ServletHolder(new QuotePages()), "/cpq/*");
        // README:end
        // README:begin jetty-admin-login
        UserStore admins = new UserStore();
        admins.addUser("admin", new Password(adminPassword), new String[] {"cpq-admin"});
        HashLoginService login = new HashLoginService("CPQ");
        login.setUserStore(admins);
        ConstraintMapping adminApi = new ConstraintMapping();
        adminApi.setPathSpec("/api/v1/admin/*");
        adminApi.setConstraint(Constraint.from("cpq-admin"));
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setLoginService(login);
        security.setAuthenticator(new BasicAuthenticator());
        security.addConstraintMapping(adminApi);
        context.setSecurityHandler(security);
        // README:end
        // a second, non-admin account, so the test can show that a login without the role is refused
        admins.addUser("clerk", new Password(adminPassword), new String[] {"cpq-user"});
        server.setHandler(context);
        server.start();
        return new CpqServer(server);
    }

    /** The port the server listens on. */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The CPQ's own pages: they only read who is signed in. */
    static final class QuotePages extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Optional<PartnerPrincipal> partner = PartnerSessions.principal(request);
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().write(partner.isEmpty() ? "anonymous"
                    : "partner " + request.getUserPrincipal().getName()
                            + " role=" + request.isUserInRole("partner"));
        }
    }
}
