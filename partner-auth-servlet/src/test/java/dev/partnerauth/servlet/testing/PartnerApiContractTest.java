package dev.partnerauth.servlet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.PartnerApiContract.Example;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PartnerApiContractTest {

    private static final PartnerApiContract CONTRACT = PartnerApiContract.load();

    private static final String JSON = "application/json; charset=utf-8";
    private static final Map<String, String> BEARER = Map.of("Authorization", "Bearer 4D114DAD97361C84B154A828FF991");

    static List<Example> requestExamples() {
        return CONTRACT.requestExamples();
    }

    @Test
    void requestExamplesWhenLoadedThenOneForEachOperationInContractOrder() {
        List<String> operations = CONTRACT.requestExamples().stream()
                .map(e -> e.method() + " " + e.path() + " " + e.operationId())
                .collect(Collectors.toList());

        assertEquals(List.of(
                "POST /api/v1/authenticate/user authenticatePartnerUser",
                "POST /api/v1/create/quote createPartnerQuote",
                "POST /api/v1/open/quote openPartnerQuote",
                "POST /api/v1/open/opportunity openPartnerOpportunity"), operations);
    }

    @Test
    void requestExamplesWhenAuthenticateThenVerbatimWithQuotedPostalCodeStillString() {
        assertEquals("{\"authentication\":\"480zZQNXR8zoTicG.7MIkom0ETwBjYWzi\","
                        + "\"user_information\":{\"type\":\"partner\",\"user_id\":\"qwerty1234356\","
                        + "\"login\":\"david.s@domain.com\",\"email\":\"david.s@domain.com\",\"name\":\"David Solomon\","
                        + "\"position\":\"Sales\",\"phone\":\"03-12345678\",\"mobile\":\"058-12345678\","
                        + "\"fax\":\"03-12345679\",\"company\":\"Acme Partnerl\",\"street\":\"12nd Broadway\","
                        + "\"city\":\"New York\",\"state\":\"NY\",\"country\":\"USA\",\"postal_code\":\"1234567\","
                        + "\"profile_img\":\"https://domain.com/img.png\"}}",
                exampleOf("authenticatePartnerUser").json());
    }

    @Test
    void requestExamplesWhenCreateQuoteThenVerbatim() {
        assertEquals("{\"opportunity_id\":\"x444sh231hr2jkk2\"}", exampleOf("createPartnerQuote").json());
    }

    @Test
    void requestExamplesWhenOpenQuoteThenFieldOrderKept() {
        assertEquals("{\"opportunity_id\":\"lkdash231hr2jkk2\",\"quote_id\":\"urhnvfkjsfdfdgrfdnbkg\"}",
                exampleOf("openPartnerQuote").json());
    }

    @Test
    void requestExamplesWhenOpenOpportunityThenVerbatim() {
        assertEquals("{\"opportunity_id\":\"lkdash231hr2jkk2\"}", exampleOf("openPartnerOpportunity").json());
    }

    @ParameterizedTest
    @MethodSource("requestExamples")
    void requestWhenContractExampleSentAsPartnerPortalDoesThenValid(Example example) {
        Map<String, String> headers = example.operationId().equals("authenticatePartnerUser") ? Map.of() : BEARER;

        CONTRACT.assertRequestValid(example.method(), example.path(), JSON, example.json(), headers);
    }

    @Test
    void requestWhenCreateQuoteHasNoBearerThenRejected() {
        AssertionError error = assertThrows(AssertionError.class, () -> CONTRACT.assertRequestValid(
                "POST", "/api/v1/create/quote", JSON, "{\"opportunity_id\":\"x\"}", Map.of()));

        assertTrue(error.getMessage().contains("validation.request.security.missing"), error.getMessage());
    }

    @Test
    void requestWhenOpenQuoteMissesQuoteIdThenRejected() {
        AssertionError error = assertThrows(AssertionError.class, () -> CONTRACT.assertRequestValid(
                "POST", "/api/v1/open/quote", JSON, "{\"opportunity_id\":\"x\"}", BEARER));

        assertTrue(error.getMessage().contains("quote_id"), error.getMessage());
    }

    @Test
    void requestWhenPathHasTrailingSlashThenRejected() {
        AssertionError error = assertThrows(AssertionError.class, () -> CONTRACT.assertRequestValid(
                "POST", "/api/v1/create/quote/", JSON, "{\"opportunity_id\":\"x\"}", BEARER));

        assertTrue(error.getMessage().contains("validation.request.path.missing"), error.getMessage());
    }

    @Test
    void responseWhenCreateQuote200MatchesSchemaThenValid() {
        CONTRACT.assertResponseValid("POST", "/api/v1/create/quote", 200, JSON,
                "{\"url\":\"https://cpq.example/x\",\"errors\":[]}");
    }

    @Test
    void responseWhenUrlIsNumberThenRejected() {
        AssertionError error = assertThrows(AssertionError.class, () -> CONTRACT.assertResponseValid(
                "POST", "/api/v1/create/quote", 200, JSON, "{\"url\":5,\"errors\":[]}"));

        assertTrue(error.getMessage().contains("/url"), error.getMessage());
    }

    @Test
    void responseWhenAuthenticate200HasPropertiesBeyondContractThenValid() {
        CONTRACT.assertResponseValid("POST", "/api/v1/authenticate/user", 200, JSON,
                "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":60,\"errors\":[]}");
    }

    @Test
    void responseWhen403CarriesErrorsBodyThenValid() {
        CONTRACT.assertResponseValid("POST", "/api/v1/create/quote", 403, JSON,
                "{\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\"Forbidden\"}]}");
    }

    @Test
    void responseWhenStatusUndeclaredThenRejected() {
        AssertionError error = assertThrows(AssertionError.class, () -> CONTRACT.assertResponseValid(
                "POST", "/api/v1/create/quote", 418, JSON, "{\"errors\":[]}"));

        assertTrue(error.getMessage().contains("validation.response.status.unknown"), error.getMessage());
    }

    private static Example exampleOf(String operationId) {
        return CONTRACT.requestExamples().stream()
                .filter(e -> e.operationId().equals(operationId))
                .findFirst()
                .orElseThrow();
    }
}
