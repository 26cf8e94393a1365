package dev.partnerauth.servlet;

import dev.partnerauth.PartnerAuthRejection;
import dev.partnerauth.Problem;
import java.util.List;
import java.util.Map;

/** Rejections that exist only over HTTP: wrong method, body too large, browser origin, admin access. */
final class HttpRejection extends PartnerAuthRejection {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, String> headers;

    private HttpRejection(int status, Problem problem, Map<String, String> headers) {
        super(status, List.of(problem));
        this.headers = Map.copyOf(headers);
    }

    /** @param allow the methods the path takes, or {@code null} when that is not known here (no {@code Allow} then) */
    static HttpRejection methodNotAllowed(String allow) {
        return new HttpRejection(405, Problem.of("METHOD_NOT_ALLOWED", "Method not allowed"),
                allow == null ? Map.of() : Map.of("Allow", allow));
    }

    static HttpRejection payloadTooLarge() {
        return new HttpRejection(413, Problem.of("PAYLOAD_TOO_LARGE", "Payload too large"), Map.of());
    }

    static HttpRejection browserOriginRefused() {
        return new HttpRejection(403, Problem.of("BROWSER_ORIGIN_REFUSED", "Forbidden: authenticate/user is a "
                + "server-to-server call and must not be sent from a browser"), Map.of());
    }

    static HttpRejection crossSiteAdminWrite() {
        return new HttpRejection(403, Problem.of("CROSS_SITE_REFUSED", "Forbidden: administration changes are "
                + "accepted only from this application's own pages"), Map.of());
    }

    /** {@link #browserOriginRefused()} for another server-to-server call, which the message names. */
    static HttpRejection browserOriginRefused(String call) {
        return new HttpRejection(403, Problem.of("BROWSER_ORIGIN_REFUSED", "Forbidden: " + call + " is a "
                + "server-to-server call and must not be sent from a browser"), Map.of());
    }

    static HttpRejection adminUnauthenticated(String challenge) {
        return new HttpRejection(401, Problem.of("UNAUTHORIZED", "Administrator credentials are required"),
                Map.of("WWW-Authenticate", challenge));
    }

    static HttpRejection adminForbidden() {
        return new HttpRejection(403, Problem.of("FORBIDDEN", "Forbidden"), Map.of());
    }

    static HttpRejection notFound() {
        return new HttpRejection(404, Problem.of("NOT_FOUND", "Not found"), Map.of());
    }

    Map<String, String> headers() {
        return headers;
    }
}
