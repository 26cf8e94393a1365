package dev.partnerauth.demo;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.PartnerAuth;
import dev.partnerauth.crm.CrmSync;
import dev.partnerauth.demo.cpq.CpqPages;
import dev.partnerauth.demo.cpq.DemoCrm;
import dev.partnerauth.demo.cpq.FirstPartnerOwns;
import dev.partnerauth.demo.cpq.HomePage;
import dev.partnerauth.demo.cpq.QuoteStore;
import dev.partnerauth.demo.cpq.StaticResources;
import dev.partnerauth.demo.prm.PrmSimulator;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.AdminAuthorizer;
import dev.partnerauth.servlet.BasicAdminAuthorizer;
import dev.partnerauth.servlet.PartnerAuthFilters;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The running demo: the CPQ host and the PRM simulator, each on its own Jetty server listening on
 * IPv4 and IPv6 loopback. {@link #start} returns once both accept connections.
 */
public final class Demo implements AutoCloseable {
    private final Server cpq;
    private final Server prm;
    private final DemoDatabase database;
    private final URI cpqUrl;
    private final URI prmUrl;
    private final String adminPassword;
    private final boolean generatedPassword;
    private final ScheduledExecutorService housekeeping;

    private Demo(Server cpq, Server prm, DemoDatabase database, URI cpqUrl, URI prmUrl, String adminPassword,
                 boolean generatedPassword, ScheduledExecutorService housekeeping) {
        this.housekeeping = housekeeping;
        this.cpq = cpq;
        this.prm = prm;
        this.database = database;
        this.cpqUrl = cpqUrl;
        this.prmUrl = prmUrl;
        this.adminPassword = adminPassword;
        this.generatedPassword = generatedPassword;
    }

    /**
     * Starts both servers.
     *
     * @param adminPassword the admin password, or {@code null} to generate one
     */
    public static Demo start(DemoOptions options, String adminPassword) throws Exception {
        return start(options, adminPassword, null);
    }

    /**
     * Starts both servers.
     *
     * @param adminPassword the admin password, or {@code null} to generate one
     * @param pepperBase64  the key pepper ({@code PARTNER_AUTH_PEPPER}), or {@code null} for the one
     *                      kept in the data directory
     * @throws IllegalArgumentException when the pepper is not base64 of 32 or more bytes, or the admin
     *                                  password is shorter than {@link BasicAdminAuthorizer#MIN_PASSWORD_LENGTH}
     * @throws IllegalStateException    when partner-auth refuses to start, for instance because the
     *                                  database's keys were made with another pepper
     */
    public static Demo start(DemoOptions options, String adminPassword, String pepperBase64) throws Exception {
        return start(options, adminPassword, pepperBase64, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** As {@link #start(DemoOptions, String, String)}, on a clock (and cache ticker) of a test's. */
    static Demo start(DemoOptions options, String adminPassword, String pepperBase64, Clock clock, Ticker ticker)
            throws Exception {
        KeyPepper configuredPepper;
        try {
            configuredPepper = pepperBase64 == null ? null : KeyPepper.fromBase64(pepperBase64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PARTNER_AUTH_PEPPER: " + e.getMessage(), e);
        }
        Files.createDirectories(options.dataDir());
        SecureRandom random = new SecureRandom();
        boolean generated = adminPassword == null || adminPassword.isBlank();
        String password = generated ? randomText(random, 18) : adminPassword;
        if (password.length() < BasicAdminAuthorizer.MIN_PASSWORD_LENGTH) {
            // before anything starts: BasicAdminAuthorizer would refuse it, and say less about where it came from
            throw new IllegalArgumentException("DEMO_ADMIN_PASSWORD must be at least "
                    + BasicAdminAuthorizer.MIN_PASSWORD_LENGTH + " characters (unset it to have one generated)");
        }

        Server cpqServer = server(options.port());
        Server prmServer = server(options.prmPort());
        int cpqPort = ((ServerConnector) cpqServer.getConnectors()[0]).getLocalPort();
        URI cpqUrl = options.publicUrl() != null ? options.publicUrl() : URI.create("http://localhost:" + cpqPort);

        DemoDatabase database = DemoDatabase.open(options.jdbcUrl(), options.dataDir());
        PartnerAuth auth;
        try {
            auth = database.configure(PartnerAuth.builder())
                    .keyPepper(configuredPepper != null ? configuredPepper : pepper(options.dataDir(), random))
                    .publicBaseUrl(cpqUrl)
                    .tokenTtl(Duration.ofSeconds(options.tokenTtlSeconds()))
                    .trustedProxies(options.trustedProxies())
                    .forwardedHeader(options.forwardedHeader())
                    .clock(clock)
                    .ticker(ticker)
                    .launchAuthorizer(new FirstPartnerOwns(database.dataSource(), clock))
                    .build();
        } catch (RuntimeException e) {
            database.close();
            for (Server unused : List.of(cpqServer, prmServer)) {
                for (org.eclipse.jetty.server.Connector c : unused.getConnectors()) {
                    ((ServerConnector) c).close(); // opened to learn the port, never started
                }
            }
            throw e;
        }
        AdminAuthorizer admin = new BasicAdminAuthorizer("admin", password);
        PartnerAuthFilters filters = PartnerAuthFilters.builder(auth).adminAuthorizer(admin)
                .embedded(options.embed()).landingPageTemplate(dev.partnerauth.demo.cpq.HomePage.LANDING_PAGES).build();
        QuoteStore quotes = new QuoteStore(database.dataSource());

        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        if (database.shared()) {
            SharedSessions.install(context.getSessionHandler(), database.dataSource());
        }
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        context.addEventListener(new jakarta.servlet.ServletContextListener() {
            @Override
            public void contextInitialized(jakarta.servlet.ServletContextEvent event) {
                filters.register(event.getServletContext());
            }
        });
        context.addFilter(new FilterHolder(options.embed() ? framedByPrmOrigins(auth) : SecurityHeaders.CPQ.asFilter()),
                "/*", EnumSet.allOf(DispatcherType.class));
        context.addFilter(new FilterHolder(new AdminPageGuard(admin, auth)), "/admin", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(StaticResources.page(SecurityHeaders.CPQ, "admin.html")), "/admin");
        context.addServlet(new ServletHolder(new StaticResources(SecurityHeaders.CPQ, "style.css", "admin.js")), "/static/*");
        context.addServlet(new ServletHolder(new CpqPages(auth, quotes, new CrmSync(new DemoCrm()), clock,
                SecurityHeaders.originOf(cpqUrl))), "/cpq/*");
        context.addServlet(new ServletHolder(new HomePage()), "");
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        context.setErrorHandler(errors);
        cpqServer.setHandler(context);
        cpqServer.start();

        prmServer.setHandler(new PrmSimulator(cpqUrl, options.dataDir()).handler());
        prmServer.start();
        int prmPort = ((ServerConnector) prmServer.getConnectors()[0]).getLocalPort();
        // expired tokens and launch codes are purged off the request path, in bounded batches
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "partner-auth-purge");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                auth.purgeExpired(10_000);
            } catch (RuntimeException e) {
                System.err.println("partner-auth-demo: purge failed: " + e.getMessage());
            }
        }, 1, 1, TimeUnit.MINUTES);
        return new Demo(cpqServer, prmServer, database, cpqUrl, URI.create("http://localhost:" + prmPort), password,
                generated, housekeeping);
    }

    /**
     * The CPQ's headers with {@code frame-ancestors} listing the PRM origins of the settings, read per
     * request so that the admin page's change applies at once; the admin page keeps {@code 'none'}.
     */
    private static jakarta.servlet.Filter framedByPrmOrigins(PartnerAuth auth) {
        return (request, response, chain) -> {
            if (response instanceof jakarta.servlet.http.HttpServletResponse http) {
                SecurityHeaders.CPQ.framedBy(auth.settings().allowedOrigins()).applyTo(http);
            }
            chain.doFilter(request, response);
        };
    }

    public URI cpqUrl() {
        return cpqUrl;
    }

    public URI prmUrl() {
        return prmUrl;
    }

    String adminPassword() {
        return adminPassword;
    }

    boolean generatedPassword() {
        return generatedPassword;
    }

    @Override
    public void close() throws Exception {
        housekeeping.shutdownNow();
        try {
            prm.stop();
            cpq.stop();
        } finally {
            database.close();
        }
    }

    /** A server on 127.0.0.1 and ::1 with one port; port 0 picks a free port for both. */
    private static Server server(int port) throws Exception {
        // a few request threads suit two cores and a pool of 10 database connections better than 200
        Server server = new Server(new org.eclipse.jetty.util.thread.QueuedThreadPool(24, 4));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // opportunity and quote ids may contain '/', which arrives percent-encoded in a path
        http.setUriCompliance(UriCompliance.DEFAULT.with("partner ids", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        ServerConnector v4 = new ServerConnector(server, new HttpConnectionFactory(http));
        v4.setHost("127.0.0.1");
        v4.setPort(port);
        server.addConnector(v4);
        v4.open();
        ServerConnector v6 = new ServerConnector(server, new HttpConnectionFactory(http));
        v6.setHost("::1");
        v6.setPort(v4.getLocalPort());
        server.addConnector(v6);
        server.setStopAtShutdown(true);
        return server;
    }

    /**
     * The demo keeps its key pepper in the data directory so that keys survive a restart. A real
     * host keeps it in a secret manager or the environment, never beside the database.
     */
    private static KeyPepper pepper(Path dataDir, SecureRandom random) throws IOException {
        Path file = dataDir.resolve("key-pepper");
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            }
        }
        return KeyPepper.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
    }

    private static String randomText(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Asks the browser for the admin's Basic credentials before serving the admin page. */
    private static final class AdminPageGuard implements jakarta.servlet.Filter {
        private final AdminAuthorizer admin;
        private final PartnerAuth auth;

        AdminPageGuard(AdminAuthorizer admin, PartnerAuth auth) {
            this.admin = admin;
            this.auth = auth;
        }

        /**
         * The request with the client address the admin API would see: behind {@code
         * --trusted-proxy}, the throttle of wrong passwords must count the caller, not the proxy
         * (which every administrator shares).
         */
        private HttpServletRequest resolved(HttpServletRequest request) {
            String header = auth.forwardedHeader().headerName();
            String client = auth.clientAddress(request.getRemoteAddr(), java.util.Collections.list(request.getHeaders(header)))
                    .map(java.net.InetAddress::getHostAddress).orElse(request.getRemoteAddr());
            return new jakarta.servlet.http.HttpServletRequestWrapper(request) {
                @Override
                public String getRemoteAddr() {
                    return client;
                }
            };
        }

        @Override
        public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res,
                             jakarta.servlet.FilterChain chain) throws IOException, jakarta.servlet.ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            AdminAuthorizer.Decision decision;
            try {
                decision = admin.authorize(resolved(request));
            } catch (dev.partnerauth.ForbiddenException garbledForwardingHeader) {
                response.sendError(403);
                return;
            }
            if (decision instanceof AdminAuthorizer.Allowed) {
                chain.doFilter(req, res);
                return;
            }
            if (decision instanceof AdminAuthorizer.Unauthenticated u) {
                response.setHeader("WWW-Authenticate", u.challenge());
            }
            if (decision instanceof AdminAuthorizer.Throttled t) {
                response.setHeader("Retry-After", Long.toString(Math.max(1, t.retryAfter().toSeconds())));
                response.sendError(429);
                return;
            }
            response.sendError(decision instanceof AdminAuthorizer.Unauthenticated ? 401 : 403);
        }
    }

}
