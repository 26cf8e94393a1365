package dev.partnerauth.servlet;

import dev.partnerauth.PartnerAuthRejection;
import dev.partnerauth.Problem;
import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.internal.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that writes API responses: JSON bodies with an {@code errors} array, status codes,
 * and the headers every API response carries ({@code no-store}, {@code nosniff}).
 */
final class JsonResponses {
    private static final Logger LOG = LoggerFactory.getLogger(JsonResponses.class);
    private static final SecureRandom IDS = new SecureRandom();
    /** How long a client should wait before retrying after a store outage. */
    static final int OUTAGE_RETRY_SECONDS = 5;
    private static final List<String> CORS_HEADERS = List.of("Access-Control-Allow-Origin",
            "Access-Control-Allow-Credentials", "Vary");

    private JsonResponses() {
    }

    /** Writes a success body; {@code errors: []} is appended. */
    static void ok(HttpServletResponse response, int status, Map<String, ?> fields) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("errors", List.of());
        write(response, status, body);
    }

    static void rejection(HttpServletResponse response, PartnerAuthRejection rejection) throws IOException {
        if (rejection instanceof TooManyRequestsException t) {
            response.setHeader("Retry-After", Long.toString(t.retryAfterSeconds()));
        }
        if (rejection instanceof HttpRejection h) {
            h.headers().forEach(response::setHeader);
        }
        write(response, rejection.status(), errorsBody(rejection.problems()));
    }

    static void outage(HttpServletResponse response, StoreUnavailableException e) throws IOException {
        LOG.warn("partner-auth store unavailable: {}", e.getMessage());
        response.setHeader("Retry-After", Integer.toString(OUTAGE_RETRY_SECONDS));
        write(response, 503, errorsBody(List.of(Problem.of("SERVICE_UNAVAILABLE",
                "The service is temporarily unavailable. Retry shortly."))));
    }

    /** An unexpected fault: the trace goes to the log under a correlation id, the caller gets the id only. */
    static void fault(HttpServletResponse response, RuntimeException e) throws IOException {
        String id = logFault(e);
        if (response.isCommitted()) {
            return;
        }
        // reset drops what a half-written answer set, but a PRM page must still be able to read the id
        Map<String, String> cors = new LinkedHashMap<>();
        for (String name : CORS_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                cors.put(name, value);
            }
        }
        response.reset();
        cors.forEach(response::setHeader);
        Map<String, Object> body = errorsBody(List.of(Problem.of("INTERNAL_ERROR",
                "Internal error. Correlation id: " + id)));
        body.put("correlation_id", id);
        write(response, 500, body);
    }

    /** Logs the fault with its stack trace under a new correlation id, and returns the id for the caller. */
    static String logFault(RuntimeException e) {
        String id = HexFormat.of().formatHex(randomBytes());
        LOG.error("partner-auth fault, correlation id {}", id, e);
        return id;
    }

    static void write(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static Map<String, Object> errorsBody(List<Problem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", problems.stream().map(JsonResponses::problem).toList());
        return body;
    }

    private static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code());
        m.put("message", p.message());
        if (p.field() != null) {
            m.put("field", p.field());
        }
        return m;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        IDS.nextBytes(b);
        return b;
    }
}
