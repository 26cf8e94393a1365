package dev.partnerauth.servlet;

import dev.partnerauth.Problem;
import dev.partnerauth.internal.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that writes API responses: JSON bodies with an {@code errors} array, and the
 * headers every API response carries ({@code no-store}, {@code nosniff}). Statuses of errors come
 * from {@link ErrorResponse}.
 */
final class JsonResponses {
    private JsonResponses() {
    }

    /** Writes a success body; {@code errors: []} is appended. */
    static void ok(HttpServletResponse response, int status, Map<String, ?> fields) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("errors", List.of());
        write(response, status, body);
    }

    /** Writes the {@code errors} body of a rejection, an outage or a fault (with its {@code correlation_id}). */
    static void error(HttpServletResponse response, ErrorResponse error) throws IOException {
        if (!error.prepare(response)) {
            return;
        }
        Map<String, Object> body = errorsBody(error.problems());
        if (error.isFault()) {
            body.put("correlation_id", error.correlationId());
        }
        write(response, error.status(), body);
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
}
