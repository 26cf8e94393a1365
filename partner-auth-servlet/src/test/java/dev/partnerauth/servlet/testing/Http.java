package dev.partnerauth.servlet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Well-formed HTTP/1.1 calls through {@code java.net.http.HttpClient}, for tests that need no
 * hostile bytes (those use {@link RawHttp}). Redirects are never followed, so a test sees the
 * {@code 302} and its {@code Location}; every call is bounded by a 10 s timeout.
 *
 * <p>{@link #plain()} is one shared client that keeps no cookies. {@link #withCookies()} gives
 * a client with its own cookie jar, like one browser: a session cookie set by one response is
 * sent on the next request. The JDK refuses to set {@code Host}, {@code Connection},
 * {@code Content-Length}, {@code Expect} and {@code Upgrade}; use {@link RawHttp} for those.
 *
 * <p>Every response to a path under {@code /api/v1/} that the shipped OpenAPI document names is
 * checked against it ({@link OpenApiDocument#assertResponseValid}); a response the document does
 * not allow fails the test. {@link #withoutContractCheck()} turns that off for one client.
 *
 * <p>I/O failures are thrown as {@link UncheckedIOException}. Thread-safe.
 */
public final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Http PLAIN = new Http(null);

    private final HttpClient client;
    private final CookieManager cookies;
    private final boolean contractChecked;

    private Http(Http checked, boolean contractChecked) {
        this.client = checked.client;
        this.cookies = checked.cookies;
        this.contractChecked = contractChecked;
    }

    private Http(CookieManager cookies) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                // HTTP/2 would send an h2c upgrade request on plain http, which is not what a browser does
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT);
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        this.client = builder.build();
        this.cookies = cookies;
        this.contractChecked = true;
    }

    /** The shared client that sends and keeps no cookies. */
    public static Http plain() {
        return PLAIN;
    }

    /** A new client with an empty cookie jar of its own. */
    public static Http withCookies() {
        return new Http(new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER));
    }

    /**
     * This client without the check of every {@code /api/v1/} response against the shipped OpenAPI
     * document ({@link OpenApiDocument}): only for tests whose point is an answer outside the
     * contract, such as a container's own refusal of malformed HTTP.
     */
    public Http withoutContractCheck() {
        return new Http(this, false);
    }

    /** This client's cookie jar. */
    public CookieStore cookies() {
        if (cookies == null) {
            throw new IllegalStateException("the plain client keeps no cookies; use Http.withCookies()");
        }
        return cookies.getCookieStore();
    }

    public Response get(URI uri) {
        return get(uri, Map.of());
    }

    public Response get(URI uri, Map<String, String> headers) {
        return send(request(uri, headers).GET());
    }

    /**
     * A GET as a current browser's top-level navigation from another site sends it: with fetch
     * metadata ({@code Sec-Fetch-Site: cross-site}, {@code Sec-Fetch-Mode: navigate}, {@code
     * Sec-Fetch-Dest: document}), each of which {@code headers} may replace.
     */
    public Response navigate(URI uri, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("Sec-Fetch-Site", "cross-site",
                "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document"));
        all.putAll(headers);
        return get(uri, all);
    }

    /** {@link #navigate(URI, Map)} with no other header. */
    public Response navigate(URI uri) {
        return navigate(uri, Map.of());
    }

    /** POSTs {@code json} as UTF-8, with {@code Content-Type: application/json} unless {@code headers} set one. */
    public Response post(URI uri, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(uri, headers)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    /**
     * Sends {@code method uri} with {@code json} as a UTF-8 body and {@code Content-Type:
     * application/json}, or with no body when {@code json} is {@code null}.
     */
    public Response send(String method, URI uri, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(uri, headers).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    public Response options(URI uri, Map<String, String> headers) {
        return send(request(uri, headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    /** Sends any other request; the 10 s timeout is applied unless the builder set one. */
    public Response send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        if (built.timeout().isEmpty()) {
            built = HttpRequest.newBuilder(built, (name, value) -> true).timeout(TIMEOUT).build();
        }
        try {
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (contractChecked) {
                OpenApiDocument.shipped().assertResponseValid(built.method(), built.uri().getRawPath(),
                        response.statusCode(), response.headers(), response.body());
            }
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + built.method() + " " + built.uri(), e);
        }
    }

    private static HttpRequest.Builder request(URI uri, Map<String, String> headers) {
        Objects.requireNonNull(uri, "uri");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        headers.forEach(request::header);
        return request;
    }

    /** A response with its body decoded as UTF-8. */
    public record Response(int status, HttpHeaders headers, String body) {

        public Response {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }

        /** The first value of header {@code name}, matched case-insensitively. */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }
}
