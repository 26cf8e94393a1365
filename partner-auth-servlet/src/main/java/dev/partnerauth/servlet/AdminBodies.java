package dev.partnerauth.servlet;

import dev.partnerauth.InvalidRequestException;
import dev.partnerauth.PartnerAuth;
import dev.partnerauth.Problem;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.internal.PrintableText;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyChanges;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.user.PartnerUser;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The administration API's wire format: its JSON bodies, query parameters and path segments read
 * into the core's values with the contract's field names and error texts, and settings, keys,
 * users and audit events shaped into the JSON it answers. Every reader throws one {@link
 * InvalidRequestException} listing every problem of the body.
 */
final class AdminBodies {
    private static final int MAX_IPS = 1000;
    private static final int MAX_ORIGINS = 100;
    private static final Pattern RFC_3339 = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");
    /** As {@code user_information.user_id} is read on {@code authenticate/user}. */
    private static final int USER_ID_LENGTH = ApiBodies.MAX_TEXT;

    private AdminBodies() {
    }

    /** A {@code POST keys} body; {@code partner} is {@code null} for a key of a new partner. */
    record NewKey(String name, IpAllowlist ips, Instant expiresAt, PartnerId partner) {
    }

    /**
     * A {@code PUT settings} body: only the fields it names change, applied to the settings as the
     * store holds them at that moment (so two administrators changing different fields both win).
     */
    record SettingsChange(Boolean enabled, boolean crmGiven, CrmSystem crm, List<String> origins)
            implements UnaryOperator<AuthenticatorSettings> {
        @Override
        public AuthenticatorSettings apply(AuthenticatorSettings current) {
            return new AuthenticatorSettings(
                    enabled != null ? enabled : current.enabled(),
                    crmGiven ? crm : current.crm(),
                    origins != null ? origins : current.allowedOrigins());
        }
    }

    static SettingsChange settingsChange(Map<String, Object> body) {
        RequestFields f = RequestFields.of(body);
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
        return new SettingsChange(enabled, crmGiven, crm, origins);
    }

    static NewKey newKey(Map<String, Object> body) {
        RequestFields f = RequestFields.of(body);
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
        return new NewKey(name, ips, expiresAt, partner);
    }

    /** A {@code POST keys/{id}/roll} body: how long the old secret keeps working. */
    static Duration rollGrace(Map<String, Object> body) {
        RequestFields f = RequestFields.of(body);
        f.rejectUnknown(Set.of("grace_seconds"));
        Long grace = f.has("grace_seconds")
                ? f.wholeNumber("grace_seconds", 0, PartnerAuth.MAX_KEY_ROLL_GRACE.toSeconds())
                : Long.valueOf(PartnerAuth.DEFAULT_KEY_ROLL_GRACE.toSeconds());
        f.throwIfAny();
        return Duration.ofSeconds(grace);
    }

    static KeyChanges keyChanges(Map<String, Object> body) {
        RequestFields f = RequestFields.of(body);
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

    /** A {@code PUT users/{partner}/{user}} body: whether the user may sign in. */
    static boolean userEnabled(Map<String, Object> body) {
        RequestFields f = RequestFields.of(body);
        f.rejectUnknown(Set.of("enabled"));
        Boolean enabled = f.requiredBoolean("enabled");
        f.throwIfAny();
        return enabled;
    }

    /** The {@code partner_id} query parameter: absent for every partner; malformed is a 400 naming it. */
    static PartnerId partnerFilter(HttpServletRequest request) {
        String given = request.getParameter("partner_id");
        if (given == null || given.isEmpty()) {
            return null;
        }
        return PartnerId.parse(given).orElseThrow(() -> InvalidRequestException.of(new Problem("INVALID_VALUE",
                "partner_id - Invalid parameter value. Valid value(s): a partner id such as prt_4kQ0c1ZxY2m9Lh7s3PwE",
                "partner_id")));
    }

    /** The {@code limit} query parameter: {@code byDefault} when absent, otherwise 1 to {@code max}. */
    static int limit(HttpServletRequest request, int byDefault, int max) {
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

    /** A user id path segment as {@code authenticate/user} would have accepted it, or {@code null} (not found). */
    static String userId(String rawSegment) {
        String userId = decodeSegment(rawSegment);
        if (userId == null || userId.isEmpty() || userId.length() > USER_ID_LENGTH || !PrintableText.isPrintable(userId)) {
            return null;
        }
        return userId;
    }

    /**
     * One path segment, percent-decoded as UTF-8; {@code null} when it is not valid percent-encoding
     * or not UTF-8, which the caller answers as not found. {@code +} stays a plus: this is a path.
     */
    static String decodeSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
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
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
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

    private static Instant expiry(RequestFields f) {
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

    static Map<String, Object> settings(AuthenticatorSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", s.enabled());
        m.put("crm", s.crm() == null ? null : s.crm().name());
        m.put("allowed_origins", s.allowedOrigins());
        return m;
    }

    static Map<String, Object> keys(List<AuthenticationKey> keys) {
        return Map.of("keys", keys.stream().map(AdminBodies::key).toList());
    }

    static Map<String, Object> key(AuthenticationKey k) {
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

    /** A new or rolled key: its metadata and, this once, the secret. */
    static Map<String, Object> issuedKey(IssuedKey issued) {
        Map<String, Object> body = key(issued.metadata());
        body.put("key", issued.plaintext());
        return body;
    }

    static Map<String, Object> users(List<PartnerUser> users) {
        return Map.of("users", users.stream().map(AdminBodies::user).toList());
    }

    static Map<String, Object> user(PartnerUser u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partner_id", u.partnerId().value());
        m.put("user_id", u.userId());
        m.put("login", u.information().login());
        m.put("email", u.information().email());
        m.put("name", u.information().name());
        m.put("enabled", u.enabled());
        m.put("active", u.active());
        m.put("last_sign_in_at", u.lastSignInAt().toString());
        return m;
    }

    static Map<String, Object> events(List<AuditEvent> events) {
        return Map.of("events", events.stream().map(AdminBodies::event).toList());
    }

    private static Map<String, Object> event(AuditEvent e) {
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
}
