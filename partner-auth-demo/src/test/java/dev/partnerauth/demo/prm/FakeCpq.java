package dev.partnerauth.demo.prm;

import dev.partnerauth.internal.json.Json;
import dev.partnerauth.internal.json.JsonSyntaxException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * A stand-in for the CPQ's {@code POST /api/v1/authenticate/user} (and {@code signout/user},
 * {@code deactivate/user}, {@code activate/user}): accepts {@link #KEY}, answers a fixed token (or
 * {@code {"errors": []}}), or whatever a test sets with {@link #answerNext}.
 */
final class FakeCpq {

    static final String KEY = "pa_live_demoPublicId_Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA_x9Q2";
    static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.fake-token.signature";

    private final AtomicInteger calls = new AtomicInteger();
    private volatile String lastOrigin;
    private volatile Map<String, Object> lastBody;
    private volatile Answer override;
    private volatile String lastPath;

    /** A canned answer: status, JSON body and an optional {@code Retry-After}. */
    record Answer(int status, String body, String retryAfter) {
    }

    void answerNext(int status, String body, String retryAfter) {
        override = new Answer(status, body, retryAfter);
    }

    int calls() {
        return calls.get();
    }

    String lastOrigin() {
        return lastOrigin;
    }

    String lastPath() {
        return lastPath;
    }

    Map<String, Object> lastBody() {
        return lastBody;
    }

    ServletContextHandler handler() {
        ServletContextHandler context = new ServletContextHandler("/");
        HttpServlet servlet = new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            @SuppressWarnings("unchecked")
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                calls.incrementAndGet();
                lastOrigin = request.getHeader("Origin");
                String text = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, Object> body = (Map<String, Object>) parse(text);
                lastBody = body;
                lastPath = request.getRequestURI();
                Answer answer = override;
                if (answer == null && !lastPath.endsWith("/authenticate/user")) {
                    answer = KEY.equals(body.get("authentication")) ? new Answer(200, "{\"errors\":[]}", null)
                            : new Answer(403, "{\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\"Forbidden\"}]}", null);
                }
                if (answer == null) {
                    answer = KEY.equals(body.get("authentication"))
                            ? new Answer(200, "{\"access_token\":\"" + TOKEN
                                    + "\",\"token_type\":\"Bearer\",\"expires_in\":60,\"errors\":[]}", null)
                            : new Answer(403, "{\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\"Forbidden\"}]}", null);
                }
                response.setStatus(answer.status());
                response.setContentType("application/json; charset=utf-8");
                if (answer.retryAfter() != null) {
                    response.setHeader("Retry-After", answer.retryAfter());
                }
                response.getWriter().write(answer.body());
            }
        };
        for (String path : java.util.List.of("/api/v1/authenticate/user", "/api/v1/signout/user",
                "/api/v1/deactivate/user", "/api/v1/activate/user")) {
            context.addServlet(new org.eclipse.jetty.ee10.servlet.ServletHolder(servlet), path);
        }
        return context;
    }

    /** A body the simulator sent; it always sends JSON, so anything else fails the test. */
    static Object parse(String json) {
        try {
            return Json.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (JsonSyntaxException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
