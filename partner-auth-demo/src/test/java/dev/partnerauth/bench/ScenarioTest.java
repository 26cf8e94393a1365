package dev.partnerauth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {
    private static String turn(Scenario scenario, CannedServer server) {
        return turn(scenario, server, 7);
    }

    private static String turn(Scenario scenario, CannedServer server, int user) {
        Scenario.Target target = Scenario.Target.of(scenario, server.base(), "pak_key");
        try (Connection connection = new Connection("127.0.0.1", server.base().getPort())) {
            return HttpLoad.turn(connection, target, user);
        }
    }

    @Test
    void springPairGeneratesThenRedeemsTheTokenItWasGiven() throws IOException {
        try (CannedServer server = new CannedServer(CannedServer.ok("{\"token\":\"abc-123\"}"),
                CannedServer.redirect("http://127.0.0.1/"))) {
            assertNull(turn(Scenario.SPRING_PAIR, server));
            assertEquals(List.of("POST /ott/generate HTTP/1.1", "POST /login/ott HTTP/1.1"), server.requestLines);
        }
    }

    @Test
    void springPairWhoseLoginRedirectsToTheErrorPageIsAFailure() throws IOException {
        try (CannedServer server = new CannedServer(CannedServer.ok("{\"token\":\"abc-123\"}"),
                CannedServer.redirect("http://127.0.0.1/login?error"))) {
            String failure = turn(Scenario.SPRING_PAIR, server);

            assertTrue(failure != null && failure.contains("login refused"), failure);
        }
    }

    @Test
    void springGenerateWithoutATokenIsAFailure() throws IOException {
        try (CannedServer server = new CannedServer(CannedServer.ok("{\"sent\":true}"))) {
            String failure = turn(Scenario.SPRING_GENERATE, server);

            assertTrue(failure != null && failure.contains("no token"), failure);
        }
    }

    @Test
    void pairRedeemsTheAccessTokenOnOpenQuote() throws IOException {
        try (CannedServer server = new CannedServer(CannedServer.ok("{\"access_token\":\"t.o.k\"}"),
                CannedServer.ok("{\"launch_url\":\"x\"}"))) {
            assertNull(turn(Scenario.PAIR, server));
            assertEquals(List.of("POST /api/v1/authenticate/user HTTP/1.1", "POST /api/v1/open/quote HTTP/1.1"),
                    server.requestLines);
        }
    }

    @Test
    void pairReopensTheSameOpportunityForTheSameUser() throws IOException {
        try (CannedServer server = new CannedServer(CannedServer.ok("{\"access_token\":\"t.o.k\"}"),
                CannedServer.ok("{\"launch_url\":\"x\"}"))) {
            assertNull(turn(Scenario.PAIR, server, 3 * Scenario.USERS + 7));

            assertTrue(server.requestBodies.get(0).contains("\"user_id\":\"prm-user-7\""), server.requestBodies.get(0));
            assertEquals("{\"opportunity_id\":\"OPP-7\",\"quote_id\":\"Q-7\"}", server.requestBodies.get(1));
        }
    }

    @Test
    void pairWhoseRedemptionIsRefusedIsAFailure() throws IOException {
        try (CannedServer server = new CannedServer(CannedServer.ok("{\"access_token\":\"t.o.k\"}"),
                "HTTP/1.1 401 \r\nContent-Length: 2\r\n\r\n{}")) {
            String failure = turn(Scenario.PAIR, server);

            assertTrue(failure != null && failure.startsWith("HTTP 401"), failure);
        }
    }

    @Test
    void landingFollowsTheUrlOfOpenQuoteAndExpectsTheRedirectWithoutTheCode() throws IOException {
        try (CannedServer server = new CannedServer(CannedServer.ok("{\"access_token\":\"t.o.k\"}"),
                CannedServer.ok("{\"url\":\"http://localhost:1/cpq/q/Q-7?launch=abc\",\"errors\":[]}"),
                CannedServer.redirect("http://localhost:1/cpq/q/Q-7"))) {
            assertNull(turn(Scenario.LANDING, server));
            assertEquals(List.of("POST /api/v1/authenticate/user HTTP/1.1", "POST /api/v1/open/quote HTTP/1.1",
                    "GET /cpq/q/Q-7?launch=abc HTTP/1.1"), server.requestLines);
        }
    }

    @Test
    void landingThatRedirectsElsewhereThanThePageIsAFailure() throws IOException {
        try (CannedServer server = new CannedServer(CannedServer.ok("{\"access_token\":\"t.o.k\"}"),
                CannedServer.ok("{\"url\":\"http://localhost:1/cpq/q/Q-7?launch=abc\",\"errors\":[]}"),
                "HTTP/1.1 400 \r\nContent-Length: 2\r\n\r\n{}")) {
            String failure = turn(Scenario.LANDING, server);

            assertTrue(failure != null && failure.contains("landing refused"), failure);
        }
    }

    @Test
    void authWhoseServerHangsUpIsAFailure() throws IOException {
        try (CannedServer server = new CannedServer()) {
            String failure = turn(Scenario.AUTH, server);

            assertTrue(failure != null && failure.contains("connection closed"), failure);
        }
    }

    @Test
    void unknownScenarioNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.named("wrk"));
        assertTrue(e.getMessage().contains("spring-pair"), e.getMessage());
    }
}
