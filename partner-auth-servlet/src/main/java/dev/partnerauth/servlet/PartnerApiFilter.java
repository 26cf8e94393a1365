package dev.partnerauth.servlet;

import dev.partnerauth.AuthenticateRequest;
import dev.partnerauth.Launch;
import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.internal.HostLogins;
import dev.partnerauth.PartnerAuth;
import dev.partnerauth.PartnerUserRequest;
import dev.partnerauth.token.IssuedCredential;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Partner API endpoints under {@code /api/v1/}: DealHub's four, and our {@code signout/user},
 * {@code deactivate/user} and {@code activate/user}. Another path of the Partner API's own (first
 * segment {@code authenticate}, {@code create}, {@code open}, {@code signout}, {@code deactivate} or
 * {@code activate}) is a JSON 404; every other path passes down the chain, and under {@code /api/v1/}
 * a bare {@code sendError(404)} or {@code sendError(405)} from the rest of the chain (no endpoint of
 * the host's there) is answered with the {@code errors} body too.
 * Declare it in {@code web.xml} with its no-argument constructor, or let {@link
 * PartnerAuthFilters#register} add it.
 */
public final class PartnerApiFilter extends PartnerAuthFilterSupport {
    private static final String AUTHENTICATE = PartnerAuthFilters.API_PREFIX + "authenticate/user";
    private static final Map<String, LaunchAction> LAUNCHES = Map.of(
            PartnerAuthFilters.API_PREFIX + LaunchAction.CREATE_QUOTE.path(), LaunchAction.CREATE_QUOTE,
            PartnerAuthFilters.API_PREFIX + LaunchAction.OPEN_QUOTE.path(), LaunchAction.OPEN_QUOTE,
            PartnerAuthFilters.API_PREFIX + LaunchAction.OPEN_OPPORTUNITY.path(), LaunchAction.OPEN_OPPORTUNITY);
    /** The first path segments of the Partner API's endpoints, DealHub's and ours. */
    private static final Set<String> PARTNER_API_SEGMENTS = Set.of("authenticate", "create", "open", "signout",
            "deactivate", "activate");
    /** The partner's calls on one of its users, each the core operation it makes. */
    private static final Map<String, UserCall> USER_CALLS = Map.of(
            PartnerAuthFilters.API_PREFIX + "signout/user", new UserCall("signout/user", PartnerAuth::signOutUser),
            PartnerAuthFilters.API_PREFIX + "deactivate/user", new UserCall("deactivate/user", PartnerAuth::deactivateUser),
            PartnerAuthFilters.API_PREFIX + "activate/user", new UserCall("activate/user", PartnerAuth::activateUser));

    /** For {@code web.xml}: the configuration comes from the context attribute at init. */
    public PartnerApiFilter() {
        super(null);
    }

    PartnerApiFilter(PartnerAuthFilters filters) {
        super(filters);
    }

    @Override
    void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = path(request);
        if (path.equals(AUTHENTICATE)) {
            respond(request, response, () -> authenticate(request, response));
            return;
        }
        UserCall userCall = USER_CALLS.get(path);
        if (userCall != null) {
            respond(request, response, () -> userCall(userCall, request, response));
            return;
        }
        LaunchAction action = LAUNCHES.get(path);
        if (action != null) {
            respond(request, response, () -> launch(action, request, response));
            return;
        }
        boolean api = path.startsWith(PartnerAuthFilters.API_PREFIX) || path.equals("/api/v1");
        if (!api || path.startsWith(PartnerAuthFilters.ADMIN_PREFIX)) {
            chain.doFilter(request, response); // the host's pages; the admin API answers for itself
            return;
        }
        if (path.startsWith(PartnerAuthFilters.API_PREFIX) && isPartnerApiSpace(path)) {
            respond(request, response, () -> {
                throw HttpRejection.notFound();
            });
            return;
        }
        // a host may have endpoints of its own under /api/v1/: they answer; what nobody answers is JSON too
        chain.doFilter(request, new UnansweredApiResponse(response));
    }

    /**
     * The paths that belong to the Partner API, whose first segment is one of its endpoints' (such as
     * {@code /api/v1/open/quotes}, a typo of a PRM): always answered here, never by the host.
     */
    private static boolean isPartnerApiSpace(String path) {
        String rest = path.substring(PartnerAuthFilters.API_PREFIX.length());
        int slash = rest.indexOf('/');
        return PARTNER_API_SEGMENTS.contains((slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT));
    }

    private void authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            throw HttpRejection.methodNotAllowed("POST");
        }
        if (request.getHeader("Origin") != null && !filters().allowBrowserOriginOnAuthenticate) {
            throw HttpRejection.browserOriginRefused();
        }
        AuthenticateRequest body = ApiBodies.authenticate(RequestBodies.readObject(request, filters().maxBodyBytes));
        IssuedCredential token = filters().auth.authenticate(body, clientAddress(request));
        JsonResponses.ok(response, 200, ApiBodies.accessToken(token, filters().auth.tokenLifetime().toSeconds()));
    }

    /** Server to server like {@code authenticate/user}: the same method, origin and key checks. */
    private void userCall(UserCall call, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            throw HttpRejection.methodNotAllowed("POST");
        }
        if (request.getHeader("Origin") != null && !filters().allowBrowserOriginOnAuthenticate) {
            throw HttpRejection.browserOriginRefused(call.name());
        }
        PartnerUserRequest body = ApiBodies.partnerUser(RequestBodies.readObject(request, filters().maxBodyBytes));
        call.operation().call(filters().auth, body, clientAddress(request));
        JsonResponses.ok(response, 200, Map.of());
    }

    private record UserCall(String name, Operation operation) {
    }

    @FunctionalInterface
    private interface Operation {
        void call(PartnerAuth auth, PartnerUserRequest request, InetAddress client);
    }

    private void launch(LaunchAction action, HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean preflight = "OPTIONS".equals(request.getMethod());
        addCorsHeaders(request, response, preflight);
        if (preflight) {
            response.setStatus(204);
            response.setHeader("Cache-Control", "no-store");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            throw HttpRejection.methodNotAllowed("POST, OPTIONS");
        }
        // the body is validated before the token is looked at: a malformed body must not burn it
        LaunchRequest body = ApiBodies.launch(action, RequestBodies.readObject(request, filters().maxBodyBytes));
        Launch launch = filters().auth.launch(body, bearerToken(request), clientAddress(request));
        if (filters().sessionOnLaunchResponse && mayEstablishHere(request, launch.principal())) {
            filters().sessions.establish(request, response, launch.principal());
            filters().launchResponseCookie().apply(response, sessionCookieName(request));
        }
        JsonResponses.ok(response, 200, ApiBodies.launchUrl(launch.url()));
    }

    /**
     * In the DealHub-compatible mode, whether this cross-site answer may sign the browser in: not
     * when its session holds another partner identity, nor a host login. This answer can ask
     * nobody, so it leaves such a browser as it is; the URL's launch code then meets the landing
     * step, which asks before switching (or refuses to mix with the host login), as in the default mode.
     */
    private boolean mayEstablishHere(HttpServletRequest request, PartnerPrincipal arriving) {
        Principal login = request.getUserPrincipal();
        if (login != null && !(login instanceof PartnerPrincipal) || request.getAttribute(HostLogins.ATTRIBUTE) != null) {
            return false;
        }
        Optional<PartnerPrincipal> current = filters().sessions.current(request);
        return current.isEmpty() || current.get().sameIdentity(arriving);
    }

    /** CORS for the configured PRM origins only; every other origin gets no CORS header at all. */
    private void addCorsHeaders(HttpServletRequest request, HttpServletResponse response, boolean preflight) {
        response.addHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        // only a browser call needs the settings read (a database query with JDBC stores)
        if (origin == null || !filters().auth.settings().allowsOrigin(origin)) {
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Credentials", "true");
        if (preflight) {
            response.setHeader("Access-Control-Allow-Methods", "POST");
            response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
            response.setHeader("Access-Control-Max-Age", "600");
        }
    }

    /**
     * The token of a single {@code Authorization: Bearer <token>} header (scheme case-insensitive,
     * spaces around the token tolerated); {@code null} when there is none, which is refused as
     * missing. Two headers, or a value with inner spaces, are passed on as they are and refused as
     * malformed.
     */
    static String bearerToken(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders("Authorization"));
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            return "";
        }
        String value = values.get(0).trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return value.substring(7).trim();
    }
}
