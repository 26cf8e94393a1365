package dev.partnerauth.servlet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
    private static final OpenApiDocument DOC = OpenApiDocument.shipped();
    private static final HttpHeaders JSON = headers(Map.of("Content-Type", List.of("application/json;charset=utf-8")));

    @Test
    void shippedWhenComparedWithDocsThenSameText() throws IOException {
        assertEquals(Files.readString(Path.of("../docs/openapi.yaml")), OpenApiDocument.shippedText(),
                "docs/openapi.yaml and the jar's META-INF/partner-auth/openapi.yaml must be one text");
    }

    @Test
    void operationsWhenLoadedThenWholeSurfaceOfSpec() {
        assertEquals(List.of(
                "POST /api/v1/authenticate/user",
                "POST /api/v1/signout/user", "POST /api/v1/deactivate/user", "POST /api/v1/activate/user",
                "POST /api/v1/create/quote", "OPTIONS /api/v1/create/quote",
                "POST /api/v1/open/quote", "OPTIONS /api/v1/open/quote",
                "POST /api/v1/open/opportunity", "OPTIONS /api/v1/open/opportunity",
                "GET /api/v1/admin/partner-auth/settings", "PUT /api/v1/admin/partner-auth/settings",
                "GET /api/v1/admin/partner-auth/keys", "POST /api/v1/admin/partner-auth/keys",
                "GET /api/v1/admin/partner-auth/keys/{id}", "PUT /api/v1/admin/partner-auth/keys/{id}",
                "DELETE /api/v1/admin/partner-auth/keys/{id}",
                "POST /api/v1/admin/partner-auth/keys/{id}/roll",
                "GET /api/v1/admin/partner-auth/users",
                "PUT /api/v1/admin/partner-auth/users/{partner_id}/{user_id}",
                "POST /api/v1/admin/partner-auth/users/{partner_id}/{user_id}/signout",
                "GET /api/v1/admin/partner-auth/audit"), DOC.operations());
    }

    @Test
    void requestExamplesWhenCheckedAgainstTheirSchemasThenAllValid() {
        assertEquals(List.of(), DOC.requestExampleProblems());
        assertEquals(12, DOC.requestExampleCount(), "every operation with a body shows one");
    }

    @Test
    void requestExampleWhenBreakingItsSchemaThenNamed() {
        OpenApiDocument broken = new OpenApiDocument(OpenApiDocument.shippedText()
                .replace("example: {opportunity_id: 0065g00000AbCdEAAV, quote_id: Q-00042}", "example: {opportunity_id: 0065g00000AbCdEAAV}"));

        assertTrue(broken.requestExampleProblems().toString().contains("POST /api/v1/open/quote"),
                broken.requestExampleProblems().toString());
    }

    @Test
    void responseWhenAuthenticateAnswerMatchesThenValid() {
        DOC.assertResponseValid("POST", "/api/v1/authenticate/user", 200, JSON,
                "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":60,\"errors\":[]}");
    }

    @Test
    void responseWhenPartnerUserCallAnswersDoneThenValidAndAnythingMoreRefused() {
        for (String call : List.of("signout/user", "deactivate/user", "activate/user")) {
            DOC.assertResponseValid("POST", "/api/v1/" + call, 200, JSON, "{\"errors\":[]}");
            assertThrows(AssertionError.class, () -> DOC.assertResponseValid("POST", "/api/v1/" + call, 200, JSON,
                    "{\"active\":false,\"errors\":[]}"), call);
        }
    }

    @Test
    void responseWhenPartnerUserCallNamesUnknownUserThen404Documented() {
        DOC.assertResponseValid("POST", "/api/v1/signout/user", 404, JSON,
                "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"Not found: user_id\",\"field\":\"user_id\"}]}");
        AssertionError e = assertThrows(AssertionError.class, () -> DOC.assertResponseValid("POST",
                "/api/v1/signout/user", 409, JSON, "{\"errors\":[{\"code\":\"X\",\"message\":\"x\"}]}"));
        assertTrue(e.getMessage().contains("signOutPartnerUser"), e.getMessage());
    }

    @Test
    void responseWhenUserListedWithoutActiveThenRefused() {
        String user = "{\"partner_id\":\"prt_x\",\"user_id\":\"u\",\"login\":\"l\",\"email\":\"e@x.example\","
                + "\"name\":\"n\",\"enabled\":true";
        DOC.assertResponseValid("GET", "/api/v1/admin/partner-auth/users", 200, JSON,
                "{\"users\":[" + user + ",\"active\":false}],\"errors\":[]}");
        AssertionError e = assertThrows(AssertionError.class, () -> DOC.assertResponseValid("GET",
                "/api/v1/admin/partner-auth/users", 200, JSON, "{\"users\":[" + user + "}],\"errors\":[]}"));
        assertTrue(e.getMessage().contains("active"), e.getMessage());
    }

    @Test
    void responseWhenAdminSignOutAnswersWithBodyThenRefused() {
        DOC.assertResponseValid("POST", "/api/v1/admin/partner-auth/users/prt_x/u/signout", 204, headers(Map.of()), "");
        assertThrows(AssertionError.class, () -> DOC.assertResponseValid("POST",
                "/api/v1/admin/partner-auth/users/prt_x/u/signout", 200, JSON, "{\"errors\":[]}"));
    }

    @Test
    void responseWhenTokenTypeMissingThenRefusedNamingIt() {
        AssertionError e = assertThrows(AssertionError.class, () -> DOC.assertResponseValid("POST",
                "/api/v1/authenticate/user", 200, JSON, "{\"access_token\":\"t\",\"expires_in\":60,\"errors\":[]}"));

        assertTrue(e.getMessage().contains("token_type"), e.getMessage());
    }

    @Test
    void responseWhenStatusUndeclaredThenRefused() {
        AssertionError e = assertThrows(AssertionError.class, () -> DOC.assertResponseValid("POST",
                "/api/v1/create/quote", 409, JSON, "{\"errors\":[{\"code\":\"X\",\"message\":\"x\"}]}"));

        assertTrue(e.getMessage().contains("409 is not declared for createPartnerQuote"), e.getMessage());
    }

    @Test
    void responseWhenErrorsEmptyOnRefusalThenRefused() {
        assertThrows(AssertionError.class, () -> DOC.assertResponseValid("POST", "/api/v1/create/quote", 403, JSON,
                "{\"errors\":[]}"));
    }

    @Test
    void responseWhenKeyCreatedAtNotDateTimeThenRefusedBecauseFormatsAsserted() {
        AssertionError e = assertThrows(AssertionError.class, () -> DOC.assertResponseValid("GET",
                "/api/v1/admin/partner-auth/keys/abc", 200, JSON, "{\"id\":\"abc\",\"name\":\"n\",\"allowed_ips\":[],"
                        + "\"created_at\":\"yesterday\",\"expires_at\":null,\"last_used_at\":null,\"errors\":[]}"));

        assertTrue(e.getMessage().contains("created_at"), e.getMessage());
    }

    @Test
    void responseWhenKeyListedWithItsHashThenRefused() {
        assertThrows(AssertionError.class, () -> DOC.assertResponseValid("GET", "/api/v1/admin/partner-auth/keys", 200,
                JSON, "{\"keys\":[{\"id\":\"abc\",\"name\":\"n\",\"allowed_ips\":[],\"created_at\":\"2030-01-01T00:00:00Z\","
                        + "\"expires_at\":null,\"last_used_at\":null,\"key_hash\":\"00\"}],\"errors\":[]}"));
    }

    @Test
    void responseWhenAdmin401WithoutChallengeThenRefused() {
        AssertionError e = assertThrows(AssertionError.class, () -> DOC.assertResponseValid("GET",
                "/api/v1/admin/partner-auth/settings", 401, JSON, "{\"errors\":[{\"code\":\"U\",\"message\":\"u\"}]}"));

        assertTrue(e.getMessage().contains("WWW-Authenticate"), e.getMessage());
    }

    @Test
    void responseWhenDeleteAnswersWithBodyThenRefused() {
        assertThrows(AssertionError.class, () -> DOC.assertResponseValid("DELETE",
                "/api/v1/admin/partner-auth/keys/abc", 204, JSON, "{\"errors\":[]}"));
    }

    @Test
    void responseWhenMethodUndeclaredThen405WithAllowOnly() {
        HttpHeaders allow = headers(Map.of("Content-Type", List.of("application/json"), "Allow", List.of("POST")));
        DOC.assertResponseValid("GET", "/api/v1/authenticate/user", 405, allow,
                "{\"errors\":[{\"code\":\"METHOD_NOT_ALLOWED\",\"message\":\"Method not allowed\"}]}");

        assertThrows(AssertionError.class, () -> DOC.assertResponseValid("GET", "/api/v1/authenticate/user", 200, JSON,
                "{\"errors\":[]}"));
    }

    @Test
    void responseWhenHeadAnswered405ThenNoBodyExpected() {
        DOC.assertResponseValid("HEAD", "/api/v1/create/quote", 405,
                headers(Map.of("Allow", List.of("POST, OPTIONS"))), "");
    }

    @Test
    void responseWhenPathNotInDocumentThenNotChecked() {
        DOC.assertResponseValid("GET", "/cpq/opportunities/006", 200, headers(Map.of()), "<html>");
    }

    @Test
    void responseWhenBodyNotJsonThenRefused() {
        assertThrows(AssertionError.class, () -> DOC.assertResponseValid("POST", "/api/v1/open/quote", 400, JSON, "<html>"));
    }

    @Test
    void documentWhenNotOpenApi31ThenRefused() {
        assertThrows(IllegalStateException.class, () -> new OpenApiDocument(
                "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"));
    }

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }
}
