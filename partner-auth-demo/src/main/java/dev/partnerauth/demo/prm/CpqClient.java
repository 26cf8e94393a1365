package dev.partnerauth.demo.prm;

import dev.partnerauth.internal.json.Json;
import dev.partnerauth.internal.json.JsonSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulator backend's side of the Partner API: {@code POST /api/v1/authenticate/user}, server
 * to server. {@link HttpClient} sends no {@code Origin} header, which is what the CPQ expects of a
 * backend caller.
 */
final class CpqClient {

    // An authenticate answer is a few hundred bytes; anything far larger is not the CPQ talking.
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final URI cpqBaseUrl;
    private final URI authenticateUri;
    private final HttpClient http;
    private final Duration timeout;

    CpqClient(URI cpqBaseUrl, HttpClient http, Duration timeout) {
        this.cpqBaseUrl = Objects.requireNonNull(cpqBaseUrl, "cpqBaseUrl");
        this.authenticateUri = endpoint(cpqBaseUrl, "/api/v1/authenticate/user");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    URI authenticateUri() {
        return authenticateUri;
    }

    /**
     * Asks the CPQ for an access token for the partner user described by {@code userInformation}
     * (without {@code type}, which is always {@code partner}).
     *
     * @throws IOException if the CPQ cannot be reached or does not answer in time
     */
    Answer authenticate(String key, Map<String, String> userInformation)
            throws IOException, InterruptedException {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("type", "partner");
        user.putAll(userInformation);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authentication", Objects.requireNonNull(key, "key"));
        body.put("user_information", user);
        return send(authenticateUri, body);
    }

    /** Where {@code call} ({@code signout/user}, {@code deactivate/user}, {@code activate/user}) is sent. */
    URI userCallUri(String call) {
        return endpoint(cpqBaseUrl, "/api/v1/" + call);
    }

    /**
     * The partner's call on one of its users, server to server as {@link #authenticate}: {@code
     * call} is {@code signout/user}, {@code deactivate/user} or {@code activate/user}.
     *
     * @throws IOException if the CPQ cannot be reached or does not answer in time
     */
    Answer userCall(String key, String call, String userId) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authentication", Objects.requireNonNull(key, "key"));
        body.put("user_id", Objects.requireNonNull(userId, "userId"));
        return send(userCallUri(call), body);
    }

    private Answer send(URI uri, Map<String, Object> body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(MAX_ANSWER_BYTES);
        }
        return new Answer(response.statusCode(), parseObject(bytes),
                response.headers().firstValue("Retry-After"));
    }

    /** {@code path} below {@code baseUrl}, whether or not the base ends in a slash. */
    private static URI endpoint(URI baseUrl, String path) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    private static Map<String, Object> parseObject(byte[] utf8) {
        try {
            if (Json.parse(utf8) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return object;
            }
        } catch (JsonSyntaxException notJson) {
            // An HTML error page from a proxy or a wrong base URL: the status says enough.
        }
        return Map.of();
    }

    /**
     * What the CPQ answered.
     *
     * @param status the HTTP status
     * @param body the JSON object it sent, empty if it sent none
     * @param retryAfter its {@code Retry-After} header, if any
     */
    record Answer(int status, Map<String, Object> body, Optional<String> retryAfter) {

        Answer {
            // Not Map.copyOf: JSON nulls are legitimate values here.
            body = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(body, "body")));
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
