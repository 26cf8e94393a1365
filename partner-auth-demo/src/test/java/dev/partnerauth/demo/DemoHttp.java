package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP calls to a running {@link Demo} for tests: its admin API as {@code admin}, and plain requests. */
final class DemoHttp {
    private static final String ADMIN = "/api/v1/admin/partner-auth";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private DemoHttp() {
    }

    /** Sends {@code request} with a 10 s timeout, answering the body as a string. */
    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code method <admin API>path} with a JSON body, as {@code admin} with {@code password}. */
    static HttpResponse<String> admin(Demo demo, String password, String method, String path, String json)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(demo.cpqUrl() + ADMIN + path))
                .header("Authorization", adminAuthorization(password))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The {@code Authorization} header value that signs {@code admin} in with {@code password}. */
    static String adminAuthorization(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The plaintext key of a {@code POST /keys} answer, failing the test unless the key was created. */
    static String createdKey(HttpResponse<String> created) {
        assertEquals(201, created.statusCode(), created.body());
        Matcher m = KEY.matcher(created.body());
        assertTrue(m.find(), created.body());
        return m.group(1);
    }
}
