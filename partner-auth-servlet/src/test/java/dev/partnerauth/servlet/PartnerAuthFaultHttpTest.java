package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Http;
import java.util.List;

/** An unexpected fault is a 500 with a correlation id, never the exception's text or trace. */
class PartnerAuthFaultHttpTest {
    private static final String DETAIL = "secret-detail";

    @ContainerTest
    void authenticateWhenUserStoreThrowsThen500WithCorrelationIdOnly(Containers containers) {
        FailingUsers users = new FailingUsers();
        try (PartnerAuthFixture host = hostWith(users, containers)) {
            users.failWith(new IllegalStateException(DETAIL));

            Http.Response response = host.authenticate();

            assertEquals(500, response.status());
            assertInternalErrorBody(response);
        }
    }

    @ContainerTest
    void launchWhenUserStoreThrowsThen500WithCorrelationIdOnly(Containers containers) {
        FailingUsers users = new FailingUsers();
        try (PartnerAuthFixture host = hostWith(users, containers)) {
            String token = host.token();
            users.failWith(new IllegalStateException(DETAIL));

            Http.Response response = host.launch(CREATE_QUOTE, token, "{\"opportunity_id\":\"006\"}");

            assertEquals(500, response.status());
            assertInternalErrorBody(response);
        }
    }

    @ContainerTest
    void launchWhenFaultForAllowedOriginThen500StillReadableByPrmPage(Containers containers) {
        FailingUsers users = new FailingUsers();
        try (PartnerAuthFixture host = hostWith(users, containers)) {
            String token = host.token();
            users.failWith(new IllegalStateException(DETAIL));

            Http.Response response = host.post(CREATE_QUOTE, "{\"opportunity_id\":\"006\"}",
                    java.util.Map.of("Authorization", "Bearer " + token, "Origin", PartnerAuthFixture.PRM_ORIGIN));

            assertEquals(500, response.status());
            assertEquals(PartnerAuthFixture.PRM_ORIGIN, response.header("Access-Control-Allow-Origin").orElse(null));
            assertEquals("true", response.header("Access-Control-Allow-Credentials").orElse(null));
            assertInternalErrorBody(response);
        }
    }

    @ContainerTest
    void adminWhenUserStoreThrowsThenAdminApiUnaffected(Containers containers) {
        FailingUsers users = new FailingUsers();
        try (PartnerAuthFixture host = hostWith(users, containers)) {
            users.failWith(new IllegalStateException(DETAIL));

            assertEquals(200, host.admin("GET", "keys", null).status());
        }
    }

    @ContainerTest
    void landingWhenUserStoreThrowsThen500PageWithoutDetail(Containers containers) {
        FailingUsers users = new FailingUsers();
        try (PartnerAuthFixture host = hostWith(users, containers)) {
            String landing = PartnerLaunchFlowHttpTest.launchUrlPath(host);
            users.failWith(new IllegalStateException(DETAIL));

            Http.Response response = Http.plain().navigate(host.server.uri(landing));

            assertEquals(500, response.status());
            assertFalse(response.body().contains(DETAIL), response.body());
            assertFalse(response.body().contains("RuntimeException"), response.body());
            assertFalse(response.body().contains("launch="), response.body());
            assertTrue(response.body().matches("(?s).*Correlation id: [0-9a-f]{16}.*"), response.body());
            assertTrue(PartnerAuthFixture.sessionCookie(response).isEmpty(), response.headers().toString());
            assertEquals("no-store", response.header("Cache-Control").orElse(null));
        }
    }

    private static PartnerAuthFixture hostWith(FailingUsers users, Containers containers) {
        return PartnerAuthFixture.options().auth(b -> b.userStore(users)).start(containers);
    }

    private static void assertInternalErrorBody(Http.Response response) {
        assertFalse(response.body().contains(DETAIL), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
        String id = (String) json(response).get("correlation_id");
        assertTrue(id.matches("[0-9a-f]{16}"), id);
        assertEquals(List.of("Internal error. Correlation id: " + id), messages(response));
        assertEquals("no-store", response.header("Cache-Control").orElseThrow());
    }
}
