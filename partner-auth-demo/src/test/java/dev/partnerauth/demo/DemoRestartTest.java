package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and settings live in the demo's database, so a restart on the same data directory keeps them. */
class DemoRestartTest {

    private static final String PASSWORD = "restart-test-password";
    private static final String ADMIN = "/api/v1/admin/partner-auth";
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void authenticateWhenDemoRestartedOnSameDataDirThenKeyStillWorks(@TempDir Path dataDir) throws Exception {
        DemoOptions options = new DemoOptions(0, 0, dataDir, null, 60, null, List.of());
        String key;
        try (Demo demo = Demo.start(options, PASSWORD)) {
            HttpResponse<String> settings = admin(demo, "PUT", "/settings",
                    "{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[\"" + demo.prmUrl() + "\"]}");
            assertEquals(200, settings.statusCode(), settings.body());
            HttpResponse<String> created = admin(demo, "POST", "/keys", "{\"name\":\"Restart partner\",\"allowed_ips\":[]}");
            assertEquals(201, created.statusCode(), created.body());
            Matcher m = KEY.matcher(created.body());
            assertTrue(m.find(), created.body());
            key = m.group(1);
            assertEquals(200, authenticate(demo, key).statusCode(), "before the restart");
        }

        try (Demo again = Demo.start(options, PASSWORD)) {
            HttpResponse<String> response = authenticate(again, key);

            assertEquals(200, response.statusCode(), response.body());
        }
    }

    private HttpResponse<String> admin(Demo demo, String method, String path, String json) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(demo.cpqUrl() + ADMIN + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> authenticate(Demo demo, String key) throws Exception {
        String body = "{\"authentication\":\"" + key + "\",\"user_information\":{\"type\":\"partner\","
                + "\"user_id\":\"u-1\",\"login\":\"robin\",\"email\":\"robin@partner.example\",\"name\":\"Robin\"}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(demo.cpqUrl() + "/api/v1/authenticate/user"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
