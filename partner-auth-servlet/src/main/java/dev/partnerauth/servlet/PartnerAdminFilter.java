package dev.partnerauth.servlet;

import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * The administration API ("System Settings &gt; API Settings") under
 * {@code /api/v1/admin/partner-auth/}: settings, keys, partner users and the audit log, guarded by
 * the host's {@link AdminAuthorizer}, whose administrator's name every change is audited with.
 * A write that a browser sent from another site is refused before the authorizer is asked, whatever
 * its content type or method override ({@link AdminWrites}); bodies must be {@code application/json}.
 * This class routes and calls; the bodies it reads and writes are {@link AdminBodies}'.
 */
public final class PartnerAdminFilter extends PartnerAuthFilterSupport {
    private static final int MAX_AUDIT = 1000;
    private static final int MAX_USERS = 1000;

    /** For {@code web.xml}: the configuration comes from the context attribute at init. */
    public PartnerAdminFilter() {
        super(null);
    }

    PartnerAdminFilter(PartnerAuthFilters filters) {
        super(filters);
    }

    @Override
    void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = path(request);
        if (!path.startsWith(PartnerAuthFilters.ADMIN_PREFIX)) {
            chain.doFilter(request, response);
            return;
        }
        String resource = path.substring(PartnerAuthFilters.ADMIN_PREFIX.length());
        respond(request, response, () -> {
            // before the authorizer: a foreign page must not even make the admin's browser try credentials
            if (AdminWrites.isCrossSiteWrite(request)) {
                throw HttpRejection.crossSiteAdminWrite();
            }
            AdminAuthorizer.Decision decision = filters().adminAuthorizer.authorize(withClientAddress(request));
            if (decision instanceof AdminAuthorizer.Unauthenticated u) {
                throw HttpRejection.adminUnauthenticated(u.challenge());
            }
            if (decision instanceof AdminAuthorizer.Throttled t) {
                throw new TooManyRequestsException(t.retryAfter());
            }
            if (!(decision instanceof AdminAuthorizer.Allowed admin)) {
                throw HttpRejection.adminForbidden();
            }
            route(resource, request, response, admin.adminName());
        });
    }

    /** The request as the authorizer sees it: its remote address is the resolved client address. */
    private HttpServletRequest withClientAddress(HttpServletRequest request) {
        String client = clientAddress(request).getHostAddress();
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }
        };
    }

    /** @param admin who acts, as the host's authorizer named them: every change is audited with it */
    private void route(String resource, HttpServletRequest request, HttpServletResponse response, String admin)
            throws IOException {
        String method = request.getMethod();
        if (resource.equals("settings")) {
            switch (method) {
                case "GET" -> JsonResponses.ok(response, 200, AdminBodies.settings(filters().auth.settings()));
                case "PUT" -> JsonResponses.ok(response, 200, AdminBodies.settings(
                        filters().auth.updateSettings(AdminBodies.settingsChange(body(request)), admin)));
                default -> throw HttpRejection.methodNotAllowed("GET, PUT");
            }
        } else if (resource.equals("keys")) {
            switch (method) {
                case "GET" -> JsonResponses.ok(response, 200, AdminBodies.keys(filters().auth.listKeys()));
                case "POST" -> createKey(request, response, admin);
                default -> throw HttpRejection.methodNotAllowed("GET, POST");
            }
        } else if (resource.startsWith("keys/") && resource.endsWith("/roll") && resource.indexOf('/', 5) == resource.length() - 5) {
            KeyId id = KeyId.parse(resource.substring(5, resource.length() - 5)).orElseThrow(HttpRejection::notFound);
            if (!"POST".equals(method)) {
                throw HttpRejection.methodNotAllowed("POST");
            }
            Duration grace = AdminBodies.rollGrace(body(request));
            JsonResponses.ok(response, 201, AdminBodies.issuedKey(filters().auth.rollKey(id, grace, admin)));
        } else if (resource.equals("users")) {
            if (!"GET".equals(method)) {
                throw HttpRejection.methodNotAllowed("GET");
            }
            JsonResponses.ok(response, 200, AdminBodies.users(filters().auth.listUsers(
                    AdminBodies.partnerFilter(request), AdminBodies.limit(request, 100, MAX_USERS))));
        } else if (resource.startsWith("users/")) {
            String[] segments = resource.substring(6).split("/", -1);
            boolean signOut = segments.length == 3 && segments[2].equals("signout");
            if (segments.length != 2 && !signOut) {
                throw HttpRejection.notFound();
            }
            PartnerId partner = PartnerId.parse(AdminBodies.decodeSegment(segments[0])).orElseThrow(HttpRejection::notFound);
            String userId = AdminBodies.userId(segments[1]);
            if (userId == null) {
                throw HttpRejection.notFound();
            }
            if (signOut) {
                if (!"POST".equals(method)) {
                    throw HttpRejection.methodNotAllowed("POST");
                }
                filters().auth.signOutUser(partner, userId, admin);
                response.setStatus(204);
                response.setHeader("Cache-Control", "no-store");
                return;
            }
            if (!"PUT".equals(method)) {
                throw HttpRejection.methodNotAllowed("PUT");
            }
            boolean enabled = AdminBodies.userEnabled(body(request));
            JsonResponses.ok(response, 200, AdminBodies.user(filters().auth.setUserEnabled(partner, userId, enabled, admin)));
        } else if (resource.startsWith("keys/") && resource.indexOf('/', 5) < 0) {
            KeyId id = KeyId.parse(resource.substring(5)).orElseThrow(HttpRejection::notFound);
            switch (method) {
                case "GET" -> JsonResponses.ok(response, 200, AdminBodies.key(filters().auth.key(id)));
                case "PUT" -> JsonResponses.ok(response, 200, AdminBodies.key(
                        filters().auth.updateKey(id, AdminBodies.keyChanges(body(request)), admin)));
                case "DELETE" -> {
                    filters().auth.deleteKey(id, admin);
                    response.setStatus(204);
                    response.setHeader("Cache-Control", "no-store");
                }
                default -> throw HttpRejection.methodNotAllowed("GET, PUT, DELETE");
            }
        } else if (resource.equals("audit")) {
            if (!"GET".equals(method)) {
                throw HttpRejection.methodNotAllowed("GET");
            }
            JsonResponses.ok(response, 200, AdminBodies.events(
                    filters().auth.recentAuditEvents(AdminBodies.limit(request, 50, MAX_AUDIT))));
        } else {
            throw HttpRejection.notFound();
        }
    }

    private void createKey(HttpServletRequest request, HttpServletResponse response, String admin) throws IOException {
        AdminBodies.NewKey k = AdminBodies.newKey(body(request));
        IssuedKey issued = k.partner() == null ? filters().auth.createKey(k.name(), k.ips(), k.expiresAt(), admin)
                : filters().auth.createKeyForPartner(k.partner(), k.name(), k.ips(), k.expiresAt(), admin);
        JsonResponses.ok(response, 201, AdminBodies.issuedKey(issued));
    }

    private Map<String, Object> body(HttpServletRequest request) {
        return RequestBodies.readObject(request, filters().maxBodyBytes);
    }
}
