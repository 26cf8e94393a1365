package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * SPEC section 3: any other path under {@code /api/v1} is a JSON 404 {@code Not found}, a wrong
 * method a JSON 405 {@code Method not allowed} with {@code Allow}, never the container's HTML page;
 * and a host's own endpoints under {@code /api/v1/} keep answering for themselves.
 */
class PartnerApiUnknownPathHttpTest {
    /** A host's own API beside the Partner API. */
    private static final class ReportsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            switch (request.getPathInfo() == null ? "" : request.getPathInfo()) {
                case "/q3" -> {
                    response.setContentType("text/plain;charset=utf-8");
                    response.getWriter().write("report q3");
                }
                case "/gone" -> {
                    response.setStatus(404);
                    response.setContentType("application/problem+json");
                    response.getWriter().write("{\"title\":\"no such report\"}");
                }
                default -> response.sendError(404);
            }
        }
    }

    private static PartnerAuthFixture hostWithReports(Containers containers) {
        return PartnerAuthFixture.options().registration((ctx, filters) -> {
            filters.register(ctx);
            ctx.addServlet("reports", new ReportsServlet()).addMapping("/api/v1/reports/*");
        }).start(containers);
    }

    private static void assertJsonNotFound(Http.Response response) {
        assertEquals(404, response.status(), response.body());
        assertTrue(response.header("Content-Type").orElseThrow().startsWith("application/json"), response.headers().toString());
        assertEquals(List.of("Not found"), messages(response));
        assertEquals("NOT_FOUND", PartnerAuthFixture.errors(response).get(0).get("code"));
    }

    @ContainerTest
    void unknownPathOfThePartnerApiThenJson404(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertJsonNotFound(host.post("/api/v1/open/quotes", "{\"opportunity_id\":\"006A\"}", Map.of()));
            assertJsonNotFound(host.send("GET", "/api/v1/authenticate", null, Map.of()));
            assertJsonNotFound(host.send("PUT", "/api/v1/create/quote/extra", "{}", Map.of()));
            assertJsonNotFound(host.send("GET", "/api/v1/OPEN/quote", null, Map.of()));
        }
    }

    @ContainerTest
    void unknownPathElsewhereUnderTheApiThenJson404(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            assertJsonNotFound(host.send("GET", "/api/v1/nope", null, Map.of()));
            assertJsonNotFound(host.send("POST", "/api/v1/v2/things", "{}", Map.of()));
            assertJsonNotFound(host.send("DELETE", "/api/v1", null, Map.of()));
            assertJsonNotFound(host.send("GET", "/api/v1/", null, Map.of()));
        }
    }

    @ContainerTest
    void wrongMethodOnAnEndpointThenJson405WithAllow(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Http.Response get = host.send("GET", PartnerAuthFixture.AUTHENTICATE, null, Map.of());
            Http.Response delete = host.send("DELETE", PartnerAuthFixture.OPEN_QUOTE, null, Map.of());

            assertEquals(405, get.status(), get.body());
            assertEquals("POST", get.header("Allow").orElseThrow());
            assertEquals(List.of("Method not allowed"), messages(get));
            assertEquals(405, delete.status(), delete.body());
            assertEquals("POST, OPTIONS", delete.header("Allow").orElseThrow());
        }
    }

    @ContainerTest
    void hostsOwnEndpointUnderTheApiThenItsOwnAnswersPassUntouched(Containers containers) {
        try (PartnerAuthFixture host = hostWithReports(containers)) {
            Http.Response report = host.send("GET", "/api/v1/reports/q3", null, Map.of());
            // the host's own 404 body is outside partner-auth's document
            Http.Response gone = Http.plain().withoutContractCheck().send("GET", host.server.uri("/api/v1/reports/gone"), null, Map.of());

            assertEquals(200, report.status(), report.body());
            assertEquals("report q3", report.body());
            assertEquals(404, gone.status());
            assertEquals("{\"title\":\"no such report\"}", gone.body(), "what the host writes itself is its own");
        }
    }

    @ContainerTest
    void hostsEndpointSendingABareErrorThenJson(Containers containers) {
        try (PartnerAuthFixture host = hostWithReports(containers)) {
            Http.Response missing = host.send("GET", "/api/v1/reports/unknown", null, Map.of());
            // HttpServlet's own answer to a method the servlet does not implement
            Http.Response post = host.send("POST", "/api/v1/reports/q3", "{}", Map.of());

            assertJsonNotFound(missing);
            assertEquals(405, post.status(), post.body());
            assertEquals(List.of("Method not allowed"), messages(post));
        }
    }
}
