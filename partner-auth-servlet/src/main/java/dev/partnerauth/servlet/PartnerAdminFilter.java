package dev.partnerauth.servlet;

import dev.partnerauth.InvalidRequestException;
import dev.partnerauth.Problem;
import dev.partnerauth.RequestFields;
import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyChanges;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.settings.AuthenticatorSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The administration API ("System Settings &gt; API Settings") under
 * {@code /api/v1/admin/partner-auth/}: settings, keys and the audit log, guarded by the host's
 * {@link AdminAuthorizer}. Writes require {@code application/json}, which a cross-site form cannot
 * send without a CORS preflight that this API never grants.
 */
public final class PartnerAdminFilter extends PartnerAuthFilterSupport {
    private static final int MAX_IPS = 1000;
    private static final int MAX_ORIGINS = 100;
    private static final int MAX_AUDIT = 1000;
    private static final Pattern RFC_3339 = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");

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
        respond(response, () -> {
            AdminAuthorizer.Decision decision = filters().adminAuthorizer.authorize(withClientAddress(request));
            if (decision instanceof AdminAuthorizer.Unauthenticated u) {
                throw HttpRejection.adminUnauthenticated(u.challenge());
            }
            if (decision instanceof AdminAuthorizer.Throttled t) {
                throw new TooManyRequestsException(t.retryAfter());
            }
            if (!(decision instanceof AdminAuthorizer.Allowed)) {
                throw HttpRejection.adminForbidden();
            }
            route(resource, request, response);
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

    private void route(String resource, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (resource.equals("settings")) {
            switch (method) {
                case "GET" -> JsonResponses.ok(response, 200, settingsJson(filters().auth.settings()));
                case "PUT" -> JsonResponses.ok(response, 200, settingsJson(updateSettings(request)));
                default -> throw HttpRejection.methodNotAllowed("GET, PUT");
            }
        } else if (resource.equals("keys")) {
            switch (method) {
                case "GET" -> JsonResponses.ok(response, 200,
                        Map.of("keys", filters().auth.keys().list().stream().map(PartnerAdminFilter::keyJson).toList()));
                case "POST" -> createKey(request, response);
                default -> throw HttpRejection.methodNotAllowed("GET, POST");
            }
        } else if (resource.startsWith("keys/") && resource.indexOf('/', 5) < 0) {
            KeyId id = KeyId.parse(resource.substring(5)).orElseThrow(HttpRejection::notFound);
            switch (method) {
                case "GET" -> JsonResponses.ok(response, 200, keyJson(filters().auth.keys().get(id)));
                case "PUT" -> JsonResponses.ok(response, 200, keyJson(filters().auth.keys().update(id, keyChanges(request))));
                case "DELETE" -> {
                    filters().auth.keys().delete(id);
                    response.setStatus(204);
                    response.setHeader("Cache-Control", "no-store");
                }
                default -> throw HttpRejection.methodNotAllowed("GET, PUT, DELETE");
            }
        } else if (resource.equals("audit")) {
            if (!"GET".equals(method)) {
                throw HttpRejection.methodNotAllowed("GET");
            }
            JsonResponses.ok(response, 200, Map.of("events",
                    filters().auth.auditLog().recent(auditLimit(request)).stream().map(PartnerAdminFilter::eventJson).toList()));
        } else {
            throw HttpRejection.notFound();
        }
    }

    private AuthenticatorSettings updateSettings(HttpServletRequest request) {
        RequestFields f = RequestFields.of(RequestBodies.readObject(request, filters().maxBodyBytes));
        f.rejectUnknown(Set.of("enabled", "crm", "allowed_origins"));
        Boolean enabled = f.has("enabled") ? f.booleanValue("enabled") : null;
        boolean crmGiven = f.has("crm");
        CrmSystem crm = null;
        if (crmGiven) {
            String name = f.optionalString("crm", 40);
            crm = name == null ? null : parseCrm(f, name);
        }
        List<String> origins = null;
        if (f.has("allowed_origins")) {
            List<String> given = f.stringList("allowed_origins", MAX_ORIGINS, 255);
            origins = given == null ? null : validOrigins(f, given);
        }
        f.throwIfAny();
        // only the named fields change, applied to the settings as the store holds them at that moment
        CrmSystem newCrm = crm;
        List<String> newOrigins = origins;
        return filters().auth.updateSettings(current -> new AuthenticatorSettings(
                enabled != null ? enabled : current.enabled(),
                crmGiven ? newCrm : current.crm(),
                newOrigins != null ? newOrigins : current.allowedOrigins()));
    }

    private void createKey(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestFields f = RequestFields.of(RequestBodies.readObject(request, filters().maxBodyBytes));
        f.rejectUnknown(Set.of("name", "allowed_ips", "expires_at"));
        String name = f.requiredString("name", AuthenticationKey.MAX_NAME_LENGTH);
        IpAllowlist ips = f.has("allowed_ips") ? allowlist(f) : IpAllowlist.ANY;
        Instant expiresAt = f.has("expires_at") ? expiry(f) : null;
        f.throwIfAny();
        IssuedKey issued = filters().auth.keys().create(name, ips, expiresAt);
        Map<String, Object> body = keyJson(issued.metadata());
        body.put("key", issued.plaintext());
        JsonResponses.ok(response, 201, body);
    }

    private KeyChanges keyChanges(HttpServletRequest request) {
        RequestFields f = RequestFields.of(RequestBodies.readObject(request, filters().maxBodyBytes));
        f.rejectUnknown(Set.of("name", "allowed_ips", "expires_at"));
        KeyChanges changes = KeyChanges.none();
        if (f.has("name")) {
            String name = f.requiredString("name", AuthenticationKey.MAX_NAME_LENGTH);
            changes = name == null ? changes : changes.withName(name);
        }
        if (f.has("allowed_ips")) {
            IpAllowlist ips = allowlist(f);
            changes = ips == null ? changes : changes.withAllowedIps(ips);
        }
        if (f.has("expires_at")) {
            changes = changes.withExpiresAt(expiry(f));
        }
        f.throwIfAny();
        return changes;
    }

    /** The list, or {@code null} after recording a problem that names the first invalid entry. */
    private static IpAllowlist allowlist(RequestFields f) {
        List<String> entries = f.stringList("allowed_ips", MAX_IPS, 64);
        if (entries == null) {
            return null;
        }
        try {
            return IpAllowlist.parse(entries.stream().map(String::trim).toList());
        } catch (IllegalArgumentException e) {
            f.invalid("allowed_ips", "IPv4 or IPv6 addresses or CIDR blocks (" + e.getMessage() + ")");
            return null;
        }
    }

    private Instant expiry(RequestFields f) {
        String text = f.optionalString("expires_at", 64);
        if (text == null) {
            return null;
        }
        Instant parsed = rfc3339(text);
        if (parsed == null) {
            f.invalid("expires_at", "an RFC 3339 date-time with a four-digit year, such as 2030-01-31T12:00:00Z, or null");
        }
        return parsed;
    }

    /**
     * RFC 3339's {@code date-time} only: {@link Instant#parse} also takes years such as {@code
     * +300000}, which databases store differently or refuse, so the shape is checked first.
     *
     * @return the instant, or {@code null} when the text is not such a date-time
     */
    static Instant rfc3339(String text) {
        if (!RFC_3339.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static CrmSystem parseCrm(RequestFields f, String name) {
        try {
            return new CrmSystem(name);
        } catch (IllegalArgumentException e) {
            f.invalid("crm", "SALESFORCE, DYNAMICS");
            return null;
        }
    }

    private static List<String> validOrigins(RequestFields f, List<String> given) {
        try {
            return given.stream().map(AuthenticatorSettings::normaliseOrigin).toList();
        } catch (IllegalArgumentException e) {
            f.invalid("allowed_origins", "origins such as https://prm.example.com (" + e.getMessage() + ")");
            return List.of();
        }
    }

    private static int auditLimit(HttpServletRequest request) {
        String limit = request.getParameter("limit");
        if (limit == null) {
            return 50;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_AUDIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidRequestException.of(new Problem("INVALID_VALUE",
                "limit - Invalid parameter value. Valid value(s): 1 to " + MAX_AUDIT, "limit"));
    }

    private static Map<String, Object> settingsJson(AuthenticatorSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", s.enabled());
        m.put("crm", s.crm() == null ? null : s.crm().name());
        m.put("allowed_origins", s.allowedOrigins());
        return m;
    }

    private static Map<String, Object> keyJson(AuthenticationKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id().value());
        m.put("name", k.name());
        m.put("allowed_ips", k.allowedIps().entries());
        m.put("created_at", k.createdAt().toString());
        m.put("expires_at", k.expiresAt() == null ? null : k.expiresAt().toString());
        m.put("last_used_at", k.lastUsedAt() == null ? null : k.lastUsedAt().toString());
        return m;
    }

    private static Map<String, Object> eventJson(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toString());
        m.put("type", e.type().name());
        m.put("key_id", e.keyId());
        m.put("user_id", e.userId());
        m.put("client_ip", e.clientIp());
        m.put("reason", e.reason());
        m.put("detail", e.detail());
        return m;
    }
}
