package dev.partnerauth.demo.prm;

import dev.partnerauth.demo.SecurityHeaders;
import dev.partnerauth.demo.cpq.StaticResources;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;

/**
 * A stand-in partner portal (PRM) for the demo, served on its own port so that it is a different
 * origin from the CPQ, as a real PRM is.
 *
 * <ul>
 *   <li>{@code GET /settings}, {@code POST /settings}: paste the partner authentication key once. It
 *       is kept in {@code <dataDir>/prm-simulator-key} (owner-only where POSIX) and never shown.
 *   <li>{@code GET /}: a partner user form and the buttons Create quote, Open quote, Open
 *       opportunity.
 *   <li>{@code POST /prm/api/token}: the portal's backend call; asks the CPQ's
 *       {@code /api/v1/authenticate/user} for a token server-to-server.
 *   <li>{@code POST /prm/api/user/signout}, {@code /deactivate}, {@code /activate}: the portal's
 *       backend telling the CPQ that the current user signed out everywhere, left the partner or
 *       came back ({@code signout/user}, {@code deactivate/user}, {@code activate/user}).
 *   <li>{@code /static/style.css}, {@code /static/prm.js}.
 * </ul>
 *
 * <p>It answers only requests addressed to {@code localhost}, a loopback address, or the CPQ's own
 * host name. Bind the server it runs on to loopback unless the demo must be reached from elsewhere:
 * the simulator has no login, so whoever reaches it can mint tokens for any partner user.
 */
public final class PrmSimulator {

    private static final Duration CPQ_TIMEOUT = Duration.ofSeconds(10);

    private final URI cpqBaseUrl;
    private final Path dataDir;

    /**
     * @param cpqBaseUrl the CPQ's public base URL, such as {@code http://localhost:8080}
     * @param dataDir the directory for the key file; created on the first save if missing
     * @throws IllegalArgumentException if {@code cpqBaseUrl} is not an absolute http or https URL
     */
    public PrmSimulator(URI cpqBaseUrl, Path dataDir) {
        Objects.requireNonNull(cpqBaseUrl, "cpqBaseUrl");
        String scheme = cpqBaseUrl.getScheme() == null ? "" : cpqBaseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || cpqBaseUrl.getHost() == null
                || cpqBaseUrl.getRawQuery() != null || cpqBaseUrl.getRawFragment() != null
                || cpqBaseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "cpqBaseUrl must be an absolute http(s) URL without user info, query or fragment: " + cpqBaseUrl);
        }
        this.cpqBaseUrl = cpqBaseUrl;
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /**
     * Builds the simulator's web application, to be set on (or mounted at the root of) the Jetty
     * server bound to the PRM port. Each call builds a new one with its own HTTP client.
     */
    public Handler handler() {
        SecurityHeaders headers = new SecurityHeaders("default-src 'self'; script-src 'self'; "
                + "style-src 'self'; connect-src 'self' " + SecurityHeaders.originOf(cpqBaseUrl) + "; "
                + "frame-src " + SecurityHeaders.originOf(cpqBaseUrl) + "; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        KeyFile keyFile = new KeyFile(dataDir);
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(CPQ_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        CpqClient cpq = new CpqClient(cpqBaseUrl, http, CPQ_TIMEOUT);

        ServletContextHandler context = new ServletContextHandler("/");
        EnumSet<DispatcherType> all = EnumSet.allOf(DispatcherType.class);
        context.addFilter(new FilterHolder(new HostCheck(allowedHosts())), "/*", all);
        context.addFilter(new FilterHolder(headers.asFilter()), "/*", all);
        context.addServlet(new PortalPage(cpqBaseUrl, keyFile), "");
        context.addServlet(new SettingsPage(keyFile), "/settings");
        context.addServlet(new TokenEndpoint(keyFile, cpq), "/prm/api/token");
        context.addServlet(new UserCallEndpoint(keyFile, cpq), "/prm/api/user/*");
        context.addServlet(new StaticResources(headers, "style.css", "prm.js"), "/static/*");
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        context.setErrorHandler(errors);
        return context;
    }

    private Set<String> allowedHosts() {
        // Set.copyOf, not Set.of: the CPQ's host is often "localhost" itself.
        return Set.copyOf(List.of("localhost", "127.0.0.1", "::1", cpqBaseUrl.getHost().toLowerCase(Locale.ROOT)
                .replace("[", "").replace("]", "")));
    }
}
