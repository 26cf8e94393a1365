package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's admin page behind a trusted proxy: wrong passwords are counted per caller, not per proxy. */
class DemoAdminPageTest {
    private static final String PASSWORD = "admin-page-test-password";

    @Test
    void adminPageWhenOneCallerBehindTheProxyGuessesThenOnlyThatCallerIsThrottled(@TempDir Path dataDir) throws Exception {
        DemoOptions options = new DemoOptions(0, 0, dataDir, null, 60, null, List.of("127.0.0.1/32", "::1/128"));
        try (Demo demo = Demo.start(options, PASSWORD)) {
            for (int i = 0; i < 10; i++) {
                assertEquals(401, page(demo, "198.51.100.1", "wrong-password-" + i).statusCode());
            }

            HttpResponse<String> guesser = page(demo, "198.51.100.1", PASSWORD);
            HttpResponse<String> admin = page(demo, "203.0.113.9", PASSWORD);

            assertEquals(429, guesser.statusCode());
            assertTrue(guesser.headers().firstValue("Retry-After").isPresent());
            assertEquals(200, admin.statusCode(), "the administrator behind the same proxy still signs in");
        }
    }

    private static HttpResponse<String> page(Demo demo, String forwardedFor, String password) throws Exception {
        return DemoHttp.send(HttpRequest.newBuilder(URI.create(demo.cpqUrl() + "/admin"))
                .header("X-Forwarded-For", forwardedFor)
                .header("Authorization", DemoHttp.adminAuthorization(password))
                .GET());
    }
}
