package dev.partnerauth.launch;

import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Routes from path templates under the public base URL. Placeholders {@code {opportunity_id}} and
 * {@code {quote_id}} are replaced by the percent-encoded id (RFC 3986 unreserved characters stay,
 * everything else, {@code /} included, is encoded from UTF-8).
 *
 * <p>Containers refuse some encoded characters in paths before any filter runs: Tomcat and Jetty
 * answer 400 to {@code %2F} by default, and Jetty to {@code %25}. If the CRM's ids may contain
 * {@code /} or {@code %}, relax the container (Tomcat's {@code encodedSolidusHandling}, Jetty's
 * {@code UriCompliance}, as the demo does) or use templates that carry the ids in the query string,
 * such as {@code /cpq/quote?opportunity={opportunity_id}}.
 */
public final class TemplateLaunchRoutes implements LaunchRoutes {
    public static final String CREATE_QUOTE = "/cpq/opportunities/{opportunity_id}/quotes/new";
    public static final String OPEN_QUOTE = "/cpq/opportunities/{opportunity_id}/quotes/{quote_id}";
    public static final String OPEN_OPPORTUNITY = "/cpq/opportunities/{opportunity_id}";

    private final String base;
    private final Map<LaunchAction, String> templates;

    /** The default templates above. */
    public TemplateLaunchRoutes(URI publicBaseUrl) {
        this(publicBaseUrl, Map.of(LaunchAction.CREATE_QUOTE, CREATE_QUOTE, LaunchAction.OPEN_QUOTE, OPEN_QUOTE,
                LaunchAction.OPEN_OPPORTUNITY, OPEN_OPPORTUNITY));
    }

    /**
     * @param publicBaseUrl the host's public URL, such as {@code https://cpq.example.com} or
     *                      {@code https://example.com/app}; http only for loopback hosts
     * @param templates     one path template per action, each starting with {@code /}
     */
    public TemplateLaunchRoutes(URI publicBaseUrl, Map<LaunchAction, String> templates) {
        this.base = checkBase(publicBaseUrl);
        this.templates = new EnumMap<>(LaunchAction.class);
        for (LaunchAction action : LaunchAction.values()) {
            String t = Objects.requireNonNull(templates.get(action), "a template for " + action);
            if (!t.startsWith("/") || !t.contains("{opportunity_id}")
                    || (action.needsQuoteId() && !t.contains("{quote_id}"))) {
                throw new IllegalArgumentException("the template for " + action
                        + " must start with / and contain its id placeholders: " + t);
            }
            this.templates.put(action, t);
        }
    }

    @Override
    public URI target(LaunchRequest request) {
        String path = templates.get(request.action()).replace("{opportunity_id}", encodeSegment(request.opportunityId()));
        if (request.quoteId() != null) {
            path = path.replace("{quote_id}", encodeSegment(request.quoteId()));
        }
        return URI.create(base + path);
    }

    /** Percent-encodes one path segment: only RFC 3986 unreserved characters are left as they are. */
    public static String encodeSegment(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        String s = out.toString();
        // "." and ".." are path navigation, not names: encode them so the URL cannot climb
        return s.equals(".") ? "%2E" : s.equals("..") ? "%2E%2E" : s;
    }

    static String checkBase(URI url) {
        Objects.requireNonNull(url, "publicBaseUrl");
        String scheme = url.getScheme();
        if (!url.isAbsolute() || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null
                || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("the public base URL must be an absolute http(s) URL without query: " + url);
        }
        if ("http".equals(scheme) && !isLoopback(url.getHost())) {
            throw new IllegalArgumentException("the public base URL must use https unless it is a loopback host: " + url);
        }
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean isLoopback(String host) {
        // a numeric 127/8 literal only: "127.example.com" is somebody else's name
        return host.equals("localhost") || host.equals("[::1]")
                || host.matches("127\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){2}");
    }
}
