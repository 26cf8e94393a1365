package dev.partnerauth.demo.prm;

import dev.partnerauth.internal.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /prm/api/token}: the simulator's own backend call. Takes the partner user's details
 * from the portal page (form-encoded), asks the CPQ for an access token with the saved key, and
 * answers {@code {"access_token": ..., "expires_in": ...}} or
 * {@code {"message": ..., "cpq_status": ..., "errors": [...]}} with a message fit for the page.
 * The key itself never leaves the server.
 */
final class TokenEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);

    /** The user fields the portal form sends, in the order they are forwarded. */
    private static final List<String> USER_FIELDS = List.of("user_id", "login", "email", "name", "company");

    private final transient KeyFile keyFile;
    private final transient CpqClient cpq;

    TokenEndpoint(KeyFile keyFile, CpqClient cpq) {
        this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
        this.cpq = Objects.requireNonNull(cpq, "cpq");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!SameOrigin.isSameOrigin(request)) {
            fail(response, 403, "Refused: this endpoint only answers the simulator's own pages.");
            return;
        }
        Optional<String> key = keyFile.read();
        if (key.isEmpty()) {
            fail(response, 409, "No partner authentication key is saved in the PRM simulator."
                    + " Open Settings and paste the key from the CPQ's API Settings page.");
            return;
        }
        Map<String, String> user = new LinkedHashMap<>();
        for (String field : USER_FIELDS) {
            String value = request.getParameter(field);
            // Blank fields are left out so the CPQ names them as missing rather than as invalid.
            if (value != null && !value.isBlank()) {
                user.put(field, value.strip());
            }
        }
        CpqClient.Answer answer;
        try {
            answer = cpq.authenticate(key.get(), user);
        } catch (HttpTimeoutException e) {
            fail(response, 504, "The CPQ at " + cpq.authenticateUri() + " did not answer in time.");
            return;
        } catch (IOException e) {
            LOG.warn("authenticate/user at {} unreachable: {}", cpq.authenticateUri(), e.toString());
            fail(response, 502, "Could not reach the CPQ at " + cpq.authenticateUri()
                    + " (" + describe(e) + "). Check that the CPQ is running.");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(response, 503, "The PRM simulator is shutting down.");
            return;
        }
        answer(response, answer, key.get());
    }

    private static void answer(HttpServletResponse response, CpqClient.Answer answer, String key)
            throws IOException {
        List<Map<String, Object>> errors = errorsOf(answer.body(), key);
        if (answer.status() == 200 && answer.body().get("access_token") instanceof String token
                && !token.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", token);
            body.put("expires_in", answer.body().get("expires_in"));
            write(response, 200, body);
            return;
        }
        LOG.info("authenticate/user refused with status {}", answer.status());
        fail(response, 502, messageFor(answer, errors), answer.status(), errors);
    }

    /** The sentence the portal shows for a CPQ answer that carries no token. */
    private static String messageFor(CpqClient.Answer answer, List<Map<String, Object>> errors) {
        String listed = String.join("; ", errors.stream().map(TokenEndpoint::describeError).toList());
        boolean originRefused = errors.stream().anyMatch(e -> "BROWSER_ORIGIN_REFUSED".equals(e.get("code")));
        return switch (answer.status()) {
            case 200 -> "The CPQ answered without an access token.";
            case 400 -> "The CPQ rejected the user details: " + (listed.isEmpty() ? "Bad request" : listed) + ".";
            case 403 -> originRefused
                    ? "The CPQ refused the call because it looked like it came from a browser"
                            + " (BROWSER_ORIGIN_REFUSED)."
                    : "The CPQ refused the authentication key: Forbidden. The key may be mistyped, expired"
                            + " or deleted, the partner authenticator may be disabled, this simulator's IP may"
                            + " not be allowed for the key, or the user may be disabled in the CPQ.";
            case 404 -> "The CPQ has no /api/v1/authenticate/user: check the CPQ base URL and that"
                    + " partner-auth is mounted at /api/v1.";
            case 413 -> "The CPQ refused the request as too large: Payload too large.";
            case 429 -> "The CPQ is throttling this simulator after too many refused keys: Too many requests."
                    + answer.retryAfter().map(s -> " Try again in " + s + " seconds.").orElse(" Try again later.");
            default -> "The CPQ answered with status " + answer.status()
                    + (listed.isEmpty() ? "." : ": " + listed + ".");
        };
    }

    static String describeError(Map<String, Object> error) {
        Object message = error.get("message");
        Object field = error.get("field");
        String text = message instanceof String s ? s
                : error.get("code") instanceof String code ? code : "unnamed error";
        return field instanceof String f && !text.contains(f) ? text + " (" + f + ")" : text;
    }

    /**
     * The CPQ's {@code errors}, reduced to their string members. Any occurrence of the key is blanked
     * out: the CPQ should never echo it, and this endpoint must never pass it on if one did.
     */
    static List<Map<String, Object>> errorsOf(Map<String, Object> body, String key) {
        List<Map<String, Object>> errors = new ArrayList<>();
        if (body.get("errors") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    Map<String, Object> error = new LinkedHashMap<>();
                    for (String member : List.of("code", "message", "field")) {
                        if (map.get(member) instanceof String s) {
                            error.put(member, s.replace(key, "[key]"));
                        }
                    }
                    errors.add(error);
                }
            }
        }
        return errors;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** A failure of the simulator's own, before or without an answer from the CPQ. */
    private static void fail(HttpServletResponse response, int status, String message) throws IOException {
        fail(response, status, message, null, List.of());
    }

    private static void fail(HttpServletResponse response, int status, String message, Integer cpqStatus,
            List<Map<String, Object>> errors) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("cpq_status", cpqStatus);
        body.put("errors", errors);
        write(response, status, body);
    }

    static void write(HttpServletResponse response, int status, Map<String, Object> body)
            throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().write(Json.write(body));
    }
}
