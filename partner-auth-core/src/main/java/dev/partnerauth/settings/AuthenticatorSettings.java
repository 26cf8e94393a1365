package dev.partnerauth.settings;

import dev.partnerauth.internal.PrintableText;
import dev.partnerauth.crm.CrmSystem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings of "System Settings &gt; API Settings". Origins are normalised to
 * {@code scheme://host[:port]} in lower case, without a default port, as browsers send them.
 *
 * @param crm the account's CRM, or {@code null} when none is set
 */
public record AuthenticatorSettings(boolean enabled, CrmSystem crm, List<String> allowedOrigins) {
    /** Disabled, no CRM, no origins: the state before an administrator acts. */
    public static final AuthenticatorSettings INITIAL = new AuthenticatorSettings(false, null, List.of());

    public AuthenticatorSettings {
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        List<String> normalised = new ArrayList<>(allowedOrigins.size());
        for (String origin : allowedOrigins) {
            String o = normaliseOrigin(origin);
            if (!normalised.contains(o)) {
                normalised.add(o);
            }
        }
        allowedOrigins = List.copyOf(normalised);
    }

    /**
     * Normalises an origin such as {@code https://prm.example.com}.
     *
     * @throws IllegalArgumentException naming the value when it is not an http(s) origin
     */
    public static String normaliseOrigin(String origin) {
        Objects.requireNonNull(origin, "origin");
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw invalid(origin);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw invalid(origin);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /**
     * The message names the value, which reaches a JSON body: cut at a code point (half a surrogate
     * pair would make the body unwritable) with line-breaking characters shown as {@code ?}.
     */
    private static IllegalArgumentException invalid(String origin) {
        return new IllegalArgumentException("Not an origin (scheme://host[:port]): '" + PrintableText.shown(origin, 80) + "'");
    }

    /** True when a browser {@code Origin} header names one of the allowed PRM origins. */
    public boolean allowsOrigin(String origin) {
        if (origin == null || allowedOrigins.isEmpty()) {
            return false;
        }
        try {
            return allowedOrigins.contains(normaliseOrigin(origin));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
