package dev.partnerauth.servlet;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one reading of an {@code Origin} header against this host, shared by the landing's own
 * POSTs and the admin API's cross-site refusal, so that the two never disagree on what "this
 * host" is.
 */
final class OriginHeader {
    private OriginHeader() {
    }

    /**
     * Whether the origin is this host, as the {@code Host} header names it: host and port compared
     * (default ports filled in), the scheme not, since behind a TLS-terminating proxy the host's own
     * scheme is {@code http}.
     */
    static boolean namesHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || uri.getScheme() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            URI hostUri = new URI("x://" + host);
            if (hostUri.getHost() == null) {
                return false;
            }
            int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
            int hostPort = hostUri.getPort() < 0 ? defaultPort : hostUri.getPort();
            return uri.getHost().equalsIgnoreCase(hostUri.getHost()) && originPort == hostPort;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
