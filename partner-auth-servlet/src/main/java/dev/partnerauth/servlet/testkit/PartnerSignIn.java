package dev.partnerauth.servlet.testkit;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.internal.json.Json;
import dev.partnerauth.internal.json.JsonSyntaxException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signs a partner user in to a running host through the real flow, as a PRM and a browser would:
 * {@code authenticate/user} with the key, then {@code create/quote}, {@code open/quote} or {@code
 * open/opportunity} with the token, then the browser's navigation to the returned URL, whose launch
 * code the landing filter turns into a session. The answer is that session's cookie.
 *
 * <pre>{@code
 * PartnerSignIn.SignedIn david = PartnerTestKit.signIn(URI.create("http://127.0.0.1:" + port), key)
 *         .as(PartnerTestKit.user("005xx000001Sv6EAAS").withName("David Solomon"))
 *         .openQuote("0065g00000AbCdEAAV", "Q-00042");
 * HttpResponse<String> page = david.get("/cpq/opportunities/0065g00000AbCdEAAV");
 * }</pre>
 *
 * Immutable: each method returns a changed copy.
 */
public final class PartnerSignIn {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();

    private final URI host;
    private final String key;
    private final TestUser user;
    private final Supplier<String> reasons;

    private PartnerSignIn(URI host, String key, TestUser user, Supplier<String> reasons) {
        this.host = host;
        this.key = key;
        this.user = user;
        this.reasons = reasons;
    }

    static PartnerSignIn against(URI host, String key) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(key, "key");
        if (host.getScheme() == null || host.getRawAuthority() == null) {
            throw new IllegalArgumentException("the host address must be absolute, such as http://127.0.0.1:8080: " + host);
        }
        return new PartnerSignIn(host, key, TestUser.of("test-user"), () -> null);
    }

    /** The partner user to sign in. Default: {@code PartnerTestKit.user("test-user")}. */
    public PartnerSignIn as(TestUser who) {
        return new PartnerSignIn(host, key, Objects.requireNonNull(who, "who"), reasons);
    }

    /** Puts the reason of a refusal, from this in-process host's audit log, into {@link Refused}. */
    public PartnerSignIn explainingRefusalsWith(PartnerAuth auth) {
        Objects.requireNonNull(auth, "auth");
        return new PartnerSignIn(host, key, user, () -> auth.recentAuditEvents(1).stream()
                .findFirst().map(PartnerSignIn::describe).orElse(null));
    }

    /**
     * Puts the reason of a refusal into {@link Refused}, read from the host's admin API ({@code GET
     * /audit?limit=1}) with this {@code Authorization} header value, for a host in another process.
     */
    public PartnerSignIn explainingRefusalsWithAdmin(String authorization) {
        Objects.requireNonNull(authorization, "authorization");
        return new PartnerSignIn(host, key, user, () -> {
            HttpResponse<String> audit = send(get("/api/v1/admin/partner-auth/audit?limit=1")
                    .header("Authorization", authorization));
            if (audit.statusCode() != 200) {
                return "(the audit log answered " + audit.statusCode() + ")";
            }
            Map<?, ?> event = object(audit.body()).get("events") instanceof List<?> events && !events.isEmpty()
                    && events.get(0) instanceof Map<?, ?> first ? first : Map.of();
            String type = string(event, "type").orElse("?");
            return string(event, "reason").map(r -> type + ": " + r).orElse(type);
        });
    }

    public SignedIn createQuote(String opportunityId) {
        return launch("/api/v1/create/quote", Json.write(Map.of("opportunity_id", opportunityId)));
    }

    public SignedIn openQuote(String opportunityId, String quoteId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("opportunity_id", opportunityId);
        body.put("quote_id", quoteId);
        return launch("/api/v1/open/quote", Json.write(body));
    }

    public SignedIn openOpportunity(String opportunityId) {
        return launch("/api/v1/open/opportunity", Json.write(Map.of("opportunity_id", opportunityId)));
    }

    /**
     * Signs the user out everywhere, as the partner's backend does ({@code POST signout/user} with
     * the key): every session of the user, such as a {@link SignedIn} made here, is anonymous at its
     * next request (at once on this node; within the host's session check interval on the others).
     *
     * @throws Refused when the host refuses the call (step {@code signout/user})
     */
    public void signOut() {
        partnerCall("signout/user");
    }

    /**
     * Deactivates the user as its partner does ({@code POST deactivate/user}): signed out, and
     * refused at {@code authenticate/user} until {@link #activate()}.
     *
     * @throws Refused when the host refuses the call (step {@code deactivate/user})
     */
    public void deactivate() {
        partnerCall("deactivate/user");
    }

    /**
     * Lifts the partner's deactivation ({@code POST activate/user}).
     *
     * @throws Refused when the host refuses the call (step {@code activate/user})
     */
    public void activate() {
        partnerCall("activate/user");
    }

    private void partnerCall(String call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authentication", key);
        body.put("user_id", user.userId());
        HttpResponse<String> answered = send(post("/api/v1/" + call, Json.write(body)));
        if (answered.statusCode() != 200) {
            throw refused(call, answered);
        }
    }

    private SignedIn launch(String path, String body) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("authentication", key);
        credentials.put("user_information", user.json());
        HttpResponse<String> authenticated = send(post("/api/v1/authenticate/user", Json.write(credentials)));
        String token = answer("authenticate/user", authenticated, "access_token");
        HttpResponse<String> launched = send(post(path, body).header("Authorization", "Bearer " + token));
        URI url = URI.create(answer(path.substring("/api/v1/".length()), launched, "url"));
        // the browser's top-level navigation to the launch URL, taken by path against the test's address
        HttpResponse<String> landed = send(get(url.getRawPath() + "?" + url.getRawQuery())
                .header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document")
                .header("Sec-Fetch-Site", "cross-site"));
        String cookie = landed.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.regionMatches(true, 0, "JSESSIONID=", 0, 11))
                .map(c -> c.split(";", 2)[0])
                .findFirst().orElse(null);
        String location = landed.headers().firstValue("Location").orElse(null);
        if (landed.statusCode() != 303 || cookie == null || location == null) {
            throw refused("landing", landed);
        }
        return new SignedIn(host, cookie, location);
    }

    private String answer(String step, HttpResponse<String> response, String field) {
        if (response.statusCode() != 200) {
            throw refused(step, response);
        }
        return string(object(response.body()), field)
                .orElseThrow(() -> new IllegalStateException(step + " answered 200 without " + field + ": " + response.body()));
    }

    private Refused refused(String step, HttpResponse<String> response) {
        List<String> messages = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                ? messages(object(response.body())) : List.of();
        return new Refused(step, response.statusCode(), messages, reasons.get());
    }

    /** The answer's top-level object; an answer that is not one reads as empty, so the caller says what is missing. */
    private static Map<?, ?> object(String body) {
        try {
            return Json.parse(body.getBytes(StandardCharsets.UTF_8)) instanceof Map<?, ?> map ? map : Map.of();
        } catch (JsonSyntaxException e) {
            return Map.of();
        }
    }

    private static Optional<String> string(Map<?, ?> object, String name) {
        return object.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** The {@code message} of each entry of the {@code errors} body, in order. */
    private static List<String> messages(Map<?, ?> answer) {
        List<String> out = new ArrayList<>();
        if (answer.get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                if (error instanceof Map<?, ?> problem) {
                    string(problem, "message").ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static String describe(AuditEvent event) {
        return event.reason() == null ? event.type().name() : event.type().name() + ": " + event.reason();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(host.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder get(String pathAndQuery) {
        return HttpRequest.newBuilder(host.resolve(pathAndQuery)).timeout(TIMEOUT).GET();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return HTTP.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + built.method() + " " + built.uri(), e);
        }
    }

    /**
     * A signed-in partner browser: its session cookie, and the clean URL the landing redirected to.
     *
     * @param sessionCookie the {@code JSESSIONID=...} pair to send as {@code Cookie}
     * @param location the landing's redirect target, without the launch code
     */
    public record SignedIn(URI host, String sessionCookie, String location) {
        public SignedIn {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(sessionCookie, "sessionCookie");
            Objects.requireNonNull(location, "location");
        }

        /** {@code GET path} on the host with this session, redirects not followed. */
        public HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(host.resolve(path)).timeout(TIMEOUT)
                    .header("Cookie", sessionCookie).GET());
        }
    }

    /**
     * A sign-in the host refused: which step, its status and public messages, and, when the kit
     * could read the host's audit log, the reason that the wire never tells.
     */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String step;
        private final int status;
        private final transient List<String> messages;
        private final String reason;

        Refused(String step, int status, List<String> messages, String reason) {
            super(step + " answered " + status + " " + messages + (reason == null ? "" : "; audit log: " + reason));
            this.step = step;
            this.status = status;
            this.messages = List.copyOf(messages);
            this.reason = reason;
        }

        /**
         * {@code authenticate/user}, the launch path such as {@code open/quote}, {@code landing}, or
         * the partner's call ({@code signout/user}, {@code deactivate/user}, {@code activate/user}).
         */
        public String step() {
            return step;
        }

        public int status() {
            return status;
        }

        /** The {@code errors[].message} texts of the answer, as the wire gave them. */
        public List<String> messages() {
            return messages;
        }

        /** The audit log's type and reason of the refusal, or {@code null} when the kit could not read it. */
        public String reason() {
            return reason;
        }
    }
}
