package dev.partnerauth.servlet;

import dev.partnerauth.AuthenticateRequest;
import dev.partnerauth.key.PresentedKey;
import dev.partnerauth.InvalidRequestException;
import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import dev.partnerauth.PartnerUserRequest;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.user.UserInformation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Partner API's wire format: the JSON bodies of {@code authenticate/user} and the launch calls
 * turned into the core's requests, with the contract's field names, limits and error texts, and
 * the core's answers turned back into the contract's success bodies.
 */
final class ApiBodies {
    static final int MAX_TEXT = 255;
    static final int MAX_EMAIL = 254;
    static final int MAX_URL = 2048;
    static final int MAX_ID = 255;
    private static final Set<String> TOP = Set.of("authentication", "user_information");
    private static final Set<String> USER = Set.of("type", "user_id", "login", "email", "name", "position",
            "phone", "mobile", "fax", "company", "street", "city", "state", "country", "postal_code", "profile_img");
    private static final Set<String> PARTNER_USER = Set.of("authentication", "user_id");
    private static final Set<String> WITH_QUOTE = Set.of("opportunity_id", "quote_id");
    private static final Set<String> WITHOUT_QUOTE = Set.of("opportunity_id");

    private ApiBodies() {
    }

    /**
     * The body of {@code authenticate/user}. The key is checked for length and printability only:
     * whether it is a key at all is the core's to decide, so that a refusal is counted and audited.
     *
     * @throws InvalidRequestException listing every missing, unknown or invalid field
     */
    static AuthenticateRequest authenticate(Map<String, Object> body) {
        RequestFields top = RequestFields.of(body);
        top.rejectUnknown(TOP);
        String key = top.requiredString("authentication", MAX_TEXT);
        RequestFields info = top.requiredObject("user_information");
        UserInformation user = info == null ? null : user(info);
        top.throwIfAny();
        return new AuthenticateRequest(PresentedKey.of(key), user);
    }

    /**
     * The body of {@code signout/user}, {@code deactivate/user} and {@code activate/user}: the key,
     * checked as on {@code authenticate/user}, and the user's id, held to {@code user_id}'s limits there.
     *
     * @throws InvalidRequestException listing every missing, unknown or invalid field
     */
    static PartnerUserRequest partnerUser(Map<String, Object> body) {
        RequestFields fields = RequestFields.of(body);
        fields.rejectUnknown(PARTNER_USER);
        String key = fields.requiredString("authentication", MAX_TEXT);
        String userId = fields.requiredString("user_id", MAX_TEXT);
        fields.throwIfAny();
        return new PartnerUserRequest(PresentedKey.of(key), userId);
    }

    /**
     * The body of a create/open call.
     *
     * @throws InvalidRequestException listing every missing, unknown or invalid field
     */
    static LaunchRequest launch(LaunchAction action, Map<String, Object> body) {
        RequestFields fields = RequestFields.of(body);
        fields.rejectUnknown(action.needsQuoteId() ? WITH_QUOTE : WITHOUT_QUOTE);
        String opportunity = fields.requiredString("opportunity_id", MAX_ID);
        String quote = action.needsQuoteId() ? fields.requiredString("quote_id", MAX_ID) : null;
        fields.throwIfAny();
        return new LaunchRequest(action, opportunity, quote);
    }

    static Map<String, Object> accessToken(IssuedCredential token, long expiresInSeconds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token.value());
        out.put("token_type", "Bearer");
        out.put("expires_in", expiresInSeconds);
        return out;
    }

    static Map<String, Object> launchUrl(URI url) {
        return Map.of("url", url.toString());
    }

    private static UserInformation user(RequestFields f) {
        f.rejectUnknown(USER);
        String type = f.requiredString("type", MAX_TEXT);
        if (type != null && !UserInformation.TYPE_PARTNER.equals(type)) {
            f.invalid("type", UserInformation.TYPE_PARTNER);
        }
        String userId = f.requiredString("user_id", MAX_TEXT);
        String login = f.requiredString("login", MAX_TEXT);
        String email = f.requiredString("email", MAX_EMAIL);
        if (email != null && !isEmailAddress(email)) {
            f.invalid("email", "an email address");
            email = null;
        }
        String name = f.requiredString("name", MAX_TEXT);
        String position = f.optionalString("position", MAX_TEXT);
        String phone = f.optionalString("phone", MAX_TEXT);
        String mobile = f.optionalString("mobile", MAX_TEXT);
        String fax = f.optionalString("fax", MAX_TEXT);
        String company = f.optionalString("company", MAX_TEXT);
        String street = f.optionalString("street", MAX_TEXT);
        String city = f.optionalString("city", MAX_TEXT);
        String state = f.optionalString("state", MAX_TEXT);
        String country = f.optionalString("country", MAX_TEXT);
        String postalCode = f.optionalString("postal_code", MAX_TEXT);
        String profileImg = f.optionalString("profile_img", MAX_URL);
        if (profileImg != null && !isHttpUrl(profileImg)) {
            f.invalid("profile_img", "an absolute http or https URL");
            profileImg = null;
        }
        if (userId == null || login == null || email == null || name == null) {
            return null; // the problems are recorded; the caller throws
        }
        return new UserInformation(userId, login, email, name, position, phone, mobile, fax, company,
                street, city, state, country, postalCode, profileImg);
    }

    /**
     * A pragmatic address check: one {@code @}, a local part without spaces, and a domain of
     * dot-separated labels. Deliverability is the host's concern, not a parser's.
     */
    static boolean isEmailAddress(String s) {
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at > 64 || at == s.length() - 1) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';'
                    || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\') {
                return false;
            }
        }
        String domain = s.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return false;
        }
        for (String label : domain.split("\\.")) {
            if (label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isHttpUrl(String s) {
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme();
            return uri.isAbsolute() && scheme != null
                    && Set.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
