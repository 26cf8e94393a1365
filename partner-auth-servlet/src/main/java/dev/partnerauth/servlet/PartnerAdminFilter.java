package dev.partnerauth.servlet;

import dev.partnerauth.InvalidRequestException;
import dev.partnerauth.PartnerAuth;
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
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.user.PartnerUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
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
 * {@code /api/v1/admin/partner-auth/}: settings, keys, partner users and the audit log, guarded by
 * the host's {@link AdminAuthorizer}, whose administrator's name every change is audited with. Writes require {@code application/json}, which a cross-site form cannot
 * send without a CORS preflight that this API never grants.
 */
public final class PartnerAdminFilter extends PartnerAuthFilterSupport {
    private static final int MAX_IPS = 1000;
    private static final int MAX_ORIGINS = 100;
    private static final int MAX_AUDIT = 1000;
    private static final Pattern RFC_3339 = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");
    private static final int MAX_USERS = 1000;
    /** As {@code user_information.user_id} is read on {@code authenticate/user}. */
    private static final int USER_ID_LENGTH = 255;

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
                case "GET" -> JsonResponses.ok(response, 200, settingsJson(filters().auth.settings()));
                case "PUT" -> JsonResponses.ok(response, 200, settingsJson(updateSettings(request, admin)));
                default -> throw HttpRejection.methodNotAllowed("GET, PUT");
            }
        } else if (resource.equals("keys")) {
            switch (method) {
                case "GET" -> JsonResponses.ok(response, 200,
                        Map.of("keys", filters().auth.listKeys().stream().map(PartnerAdminFilter::keyJson).toList()));
                case "POST" -> createKey(request, response, admin);
                default -> throw HttpRejection.methodNotAllowed("GET, POST");
            }
        } else if (resource.startsWith("keys/") && resource.endsWith("/roll") && resource.indexOf('/', 5) == resource.length() - 5) {
            KeyId id = KeyId.parse(resource.substring(5, resource.length() - 5)).orElseThrow(HttpRejection::notFound);
            if (!"POST".equals(method)) {
                throw HttpRejection.methodNotAllowed("POST");
            }
            rollKey(id, request, response, admin);
        } else if (resource.equals("users")) {
            if (!"GET".equals(method)) {
                throw HttpRejection.methodNotAllowed("GET");
            }
            JsonResponses.ok(response, 200, Map.of("users", filters().auth
                    .listUsers(partnerFilter(request), limit(request, 100, MAX_USERS)).stream().map(PartnerAdminFilter::userJson).toList()));
        } else if (resource.startsWith("users/")) {
            String[] segments = resource.substring(6).split("/", -1);
            if (segments.length != 2) {
                throw HttpRejection.notFound();
            }
            PartnerId partner = PartnerId.parse(decodeSegment(segments[0])).orElseThrow(HttpRejection::notFound);
            String userId = decodeSegment(segments[1]);
            if (userId == null || userId.isEmpty() || userId.length() > USER_ID_LENGTH || !RequestFields.isPrintable(userId)) {
                throw HttpRejection.notFound();
            }
            if (!"PUT".equals(method)) {
                throw HttpRejection.methodNotAllowed("PUT");
            }
            RequestFields f = RequestFields.of(RequestBodies.readObject(request, filters().maxBodyBytes));
            f.rejectUnknown(Set.of("enabled"));
            Boolean enabled = f.requiredBoolean("enabled");
            f.throwIfAny();
            JsonResponses.ok(response, 200, userJson(filters().auth.setUserEnabled(partner, userId, enabled, admin)));
        } else if (resource.startsWith("keys/") && resource.indexOf('/', 5) < 0) {
            KeyId id = KeyId.parse(resource.substring(5)).orElseThrow(HttpRejection::notFound);
            switch (method) {
                case "GET" -> JsonResponses.ok(response, 200, keyJson(filters().auth.key(id)));
                case "PUT" -> JsonResponses.ok(response, 200, keyJson(filters().auth.updateKey(id, keyChanges(request), admin)));
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
            JsonResponses.ok(response, 200, Map.of("events",
                    filters().auth.recentAuditEvents(limit(request, 50, MAX_AUDIT)).stream().map(PartnerAdminFilter::eventJson).toList()));
        } else {
            throw HttpRejection.notFound();
        }
    }

    private AuthenticatorSettings updateSettings(HttpServletRequest request, String admin) {
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
                newOrigins != null ? newOrigins : current.allowedOrigins()), admin);
    }

    private void createKey(HttpServletRequest request, HttpServletResponse response, String admin) throws IOException {
        RequestFields f = RequestFields.of(RequestBodies.readObject(request, filters().maxBodyBytes));
        f.rejectUnknown(Set.of("name", "allowed_ips", "expires_at", "partner_id"));
        String name = f.requiredString("name", AuthenticationKey.MAX_NAME_LENGTH);
        IpAllowlist ips = f.has("allowed_ips") ? allowlist(f) : IpAllowlist.ANY;
        Instant expiresAt = f.has("expires_at") ? expiry(f) : null;
        PartnerId partner = null;
        if (f.has("partner_id")) {
            String given = f.optionalString("partner_id", 64);
            partner = PartnerId.parse(given).orElse(null);
            if (given != null && partner == null) {
                f.invalid("partner_id", "the partner_id of an existing key, such as prt_4kQ0c1ZxY2m9Lh7s3PwE");
            }
        }
        f.throwIfAny();
        IssuedKey issued = partner == null ? filters().auth.createKey(name, ips, expiresAt, admin)
                : filters().auth.createKeyForPartner(partner, name, ips, expiresAt, admin);
        issuedKey(response, issued);
    }

    private void rollKey(KeyId id, HttpServletRequest request, HttpServletResponse response, String admin) throws IOException {
        RequestFields f = RequestFields.of(RequestBodies.readObject(request, filters().maxBodyBytes));
        f.rejectUnknown(Set.of("grace_seconds"));
        Long grace = f.has("grace_seconds")
                ? f.wholeNumber("grace_seconds", 0, PartnerAuth.MAX_KEY_ROLL_GRACE.toSeconds())
                : Long.valueOf(PartnerAuth.DEFAULT_KEY_ROLL_GRACE.toSeconds());
        f.throwIfAny();
        issuedKey(response, filters().auth.rollKey(id, Duration.ofSeconds(grace), admin));
    }

    private static void issuedKey(HttpServletResponse response, IssuedKey issued) throws IOException {
        Map<String, Object> body = keyJson(issued.metadata());
        body.put("key", issued.plaintext());
        JsonResponses.ok(response, 201, body);
    }

    /** The {@code partner_id} query parameter: absent for every partner; malformed is a 400 naming it. */
    private static PartnerId partnerFilter(HttpServletRequest request) {
        String given = request.getParameter("partner_id");
        if (given == null || given.isEmpty()) {
            return null;
        }
        return PartnerId.parse(given).orElseThrow(() -> InvalidRequestException.of(new Problem("INVALID_VALUE",
                "partner_id - Invalid parameter value. Valid value(s): a partner id such as prt_4kQ0c1ZxY2m9Lh7s3PwE",
                "partner_id")));
    }

    /**
     * One path segment, percent-decoded as UTF-8; {@code null} when it is not valid percent-encoding
     * or not UTF-8, which the caller answers as not found. {@code +} stays a plus: this is a path.
     */
    static String decodeSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return null;
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null; // a raw URI is ASCII; anything else was not sent as percent-encoding
            }
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
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

    private static int limit(HttpServletRequest request, int byDefault, int max) {
        String limit = request.getParameter("limit");
        if (limit == null) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidRequestException.of(new Problem("INVALID_VALUE",
                "limit - Invalid parameter value. Valid value(s): 1 to " + max, "limit"));
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
        m.put("partner_id", k.partnerId().value());
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
        m.put("partner_id", e.partnerId());
        m.put("actor", e.actor());
        return m;
    }

    private static Map<String, Object> userJson(PartnerUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partner_id", u.partnerId().value());
        m.put("user_id", u.userId());
        m.put("login", u.information().login());
        m.put("email", u.information().email());
        m.put("name", u.information().name());
        m.put("enabled", u.enabled());
        m.put("last_sign_in_at", u.lastSignInAt().toString());
        return m;
    }
}
