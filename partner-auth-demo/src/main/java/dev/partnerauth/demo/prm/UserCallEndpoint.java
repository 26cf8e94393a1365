package dev.partnerauth.demo.prm;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /prm/api/user/signout}, {@code /deactivate}, {@code /activate}: the simulator's
 * backend telling the CPQ that its user signed out of the portal everywhere, left the partner, or
 * came back, with the saved key, as a real PRM's backend would ({@code signout/user}, {@code
 * deactivate/user}, {@code activate/user}). Takes {@code user_id} form-encoded from the portal page
 * and answers {@code {"message": ...}}, with the CPQ's status and errors when it refused. The key
 * never leaves the server.
 */
final class UserCallEndpoint extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(UserCallEndpoint.class);
    /** The path below {@code /prm/api/user/}, the CPQ's call, and what the page says once it is done. */
    private static final Map<String, List<String>> CALLS = Map.of(
            "/signout", List.of("signout/user", "signed out everywhere: its CPQ sessions end at their next click"),
            "/deactivate", List.of("deactivate/user", "deactivated: signed out, and the CPQ refuses it until reactivated"),
            "/activate", List.of("activate/user", "reactivated: it can open the CPQ again (unless the CPQ's admin disabled it)"));

    private final transient KeyFile keyFile;
    private final transient CpqClient cpq;

    UserCallEndpoint(KeyFile keyFile, CpqClient cpq) {
        this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
        this.cpq = Objects.requireNonNull(cpq, "cpq");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> call = request.getPathInfo() == null ? null : CALLS.get(request.getPathInfo());
        if (call == null) {
            fail(response, 404, "No such call.", null, List.of());
            return;
        }
        if (!SameOrigin.isSameOrigin(request)) {
            fail(response, 403, "Refused: this endpoint only answers the simulator's own pages.", null, List.of());
            return;
        }
        Optional<String> key = keyFile.read();
        if (key.isEmpty()) {
            fail(response, 409, "No partner authentication key is saved in the PRM simulator."
                    + " Open Settings and paste the key from the CPQ's API Settings page.", null, List.of());
            return;
        }
        String userId = request.getParameter("user_id") == null ? "" : request.getParameter("user_id").strip();
        if (userId.isEmpty()) {
            fail(response, 400, "Enter the partner user's id first.", null, List.of());
            return;
        }
        CpqClient.Answer answer;
        try {
            answer = cpq.userCall(key.get(), call.get(0), userId);
        } catch (HttpTimeoutException e) {
            fail(response, 504, "The CPQ at " + cpq.userCallUri(call.get(0)) + " did not answer in time.", null, List.of());
            return;
        } catch (IOException e) {
            LOG.warn("{} at {} unreachable: {}", call.get(0), cpq.userCallUri(call.get(0)), e.toString());
            fail(response, 502, "Could not reach the CPQ at " + cpq.userCallUri(call.get(0))
                    + ". Check that the CPQ is running.", null, List.of());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(response, 503, "The PRM simulator is shutting down.", null, List.of());
            return;
        }
        List<Map<String, Object>> errors = TokenEndpoint.errorsOf(answer.body(), key.get());
        if (answer.status() == 200) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", "The CPQ has " + userId + " " + call.get(1) + ".");
            TokenEndpoint.write(response, 200, body);
            return;
        }
        LOG.info("{} refused with status {}", call.get(0), answer.status());
        String listed = String.join("; ", errors.stream().map(TokenEndpoint::describeError).toList());
        String message = switch (answer.status()) {
            case 404 -> "The CPQ knows no user " + userId + " of this partner: it has never opened the CPQ"
                    + " through this partner's key.";
            case 403 -> "The CPQ refused the call: " + (listed.isEmpty() ? "Forbidden" : listed) + ". The key may be"
                    + " mistyped, expired or deleted, the partner authenticator disabled, or this simulator's IP not"
                    + " allowed for the key.";
            case 429 -> "The CPQ is throttling this simulator after too many refused keys: Too many requests.";
            default -> "The CPQ answered " + call.get(0) + " with status " + answer.status()
                    + (listed.isEmpty() ? "." : ": " + listed + ".");
        };
        fail(response, 502, message, answer.status(), errors);
    }

    private static void fail(HttpServletResponse response, int status, String message, Integer cpqStatus,
                             List<Map<String, Object>> errors) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("cpq_status", cpqStatus);
        body.put("errors", errors);
        TokenEndpoint.write(response, status, body);
    }
}
