package dev.partnerauth.servlet;

import dev.partnerauth.AuthenticateRequest;
import dev.partnerauth.Launch;
import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import dev.partnerauth.PartnerAuth;
import dev.partnerauth.PartnerUserRequest;
import dev.partnerauth.token.IssuedCredential;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The Partner API endpoints under {@code /api/v1/}: DealHub's four, and our {@code signout/user},
 * {@code deactivate/user} and {@code activate/user}. Other paths pass down the chain.
 * Declare it in {@code web.xml} with its no-argument constructor, or let {@link
 * PartnerAuthFilters#register} add it.
 */
public final class PartnerApiFilter extends PartnerAuthFilterSupport {
    private static final String AUTHENTICATE = PartnerAuthFilters.API_PREFIX + "authenticate/user";
    private static final Map<String, LaunchAction> LAUNCHES = Map.of(
            PartnerAuthFilters.API_PREFIX + LaunchAction.CREATE_QUOTE.path(), LaunchAction.CREATE_QUOTE,
            PartnerAuthFilters.API_PREFIX + LaunchAction.OPEN_QUOTE.path(), LaunchAction.OPEN_QUOTE,
            PartnerAuthFilters.API_PREFIX + LaunchAction.OPEN_OPPORTUNITY.path(), LaunchAction.OPEN_OPPORTUNITY);
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
        chain.doFilter(request, response);
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
        if (filters().sessionOnLaunchResponse) {
            filters().sessions.establish(request, response, launch.principal());
            filters().launchResponseCookie().apply(response, sessionCookieName(request));
        }
        JsonResponses.ok(response, 200, ApiBodies.launchUrl(launch.url()));
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
