package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and settings live in the demo's database, so a restart on the same data directory keeps them. */
class DemoRestartTest {

    private static final String PASSWORD = "restart-test-password";

    @Test
    void authenticateWhenDemoRestartedOnSameDataDirThenKeyStillWorks(@TempDir Path dataDir) throws Exception {
        DemoOptions options = new DemoOptions(0, 0, dataDir, null, 60, null, List.of(), false);
        String key;
        try (Demo demo = Demo.start(options, PASSWORD)) {
            HttpResponse<String> settings = DemoHttp.admin(demo, PASSWORD, "PUT", "/settings",
                    "{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[\"" + demo.prmUrl() + "\"]}");
            assertEquals(200, settings.statusCode(), settings.body());
            key = DemoHttp.createdKey(DemoHttp.admin(demo, PASSWORD, "POST", "/keys",
                    "{\"name\":\"Restart partner\",\"allowed_ips\":[]}"));
            assertEquals(200, authenticate(demo, key).statusCode(), "before the restart");
        }

        try (Demo again = Demo.start(options, PASSWORD)) {
            HttpResponse<String> response = authenticate(again, key);

            assertEquals(200, response.statusCode(), response.body());
        }
    }

    private static HttpResponse<String> authenticate(Demo demo, String key) throws Exception {
        String body = "{\"authentication\":\"" + key + "\",\"user_information\":{\"type\":\"partner\","
                + "\"user_id\":\"u-1\",\"login\":\"robin\",\"email\":\"robin@partner.example\",\"name\":\"Robin\"}}";
        return DemoHttp.send(HttpRequest.newBuilder(URI.create(demo.cpqUrl() + "/api/v1/authenticate/user"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
