package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.partnerauth.InvalidRequestException;
import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import dev.partnerauth.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiBodiesLaunchTest {

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static Problem onlyProblem(LaunchAction action, Map<String, Object> body) {
        List<Problem> problems = assertThrows(InvalidRequestException.class, () -> ApiBodies.launch(action, body)).problems();
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void fromJsonWhenCreateQuoteWithSalesforceIdThenRead() {
        LaunchRequest r = ApiBodies.launch(LaunchAction.CREATE_QUOTE, body("opportunity_id", "0065g00000AbCdEAAZ"));

        assertEquals("0065g00000AbCdEAAZ", r.opportunityId());
        assertNull(r.quoteId());
    }

    @Test
    void fromJsonWhenOpenQuoteWithDynamicsGuidsThenRead() {
        LaunchRequest r = ApiBodies.launch(LaunchAction.OPEN_QUOTE,
                body("opportunity_id", "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "quote_id", "Q-00042"));

        assertEquals("Q-00042", r.quoteId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "/ ? # & % é", "006/../../admin", "{\"x\":1}"})
    void fromJsonWhenIdHasPrintableSpecialCharactersThenAccepted(String id) {
        assertEquals(id, ApiBodies.launch(LaunchAction.OPEN_OPPORTUNITY, body("opportunity_id", id)).opportunityId());
    }

    @Test
    void fromJsonWhenIdHas255CharactersThenAccepted() {
        String id = "x".repeat(255);

        assertEquals(id, ApiBodies.launch(LaunchAction.CREATE_QUOTE, body("opportunity_id", id)).opportunityId());
    }

    @Test
    void fromJsonWhenIdHas256CharactersThenTooLong() {
        Problem p = onlyProblem(LaunchAction.CREATE_QUOTE, body("opportunity_id", "x".repeat(256)));

        assertEquals("The request parameter opportunity_id exceeds its limits. Allowed maximum length: 255", p.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "006\r\n", "006\u0000", "\t"})
    void fromJsonWhenIdEmptyOrNotPrintableThenInvalid(String id) {
        assertEquals("opportunity_id", onlyProblem(LaunchAction.CREATE_QUOTE, body("opportunity_id", id)).field());
    }

    @Test
    void fromJsonWhenIdIsNumberThenInvalid() {
        assertEquals("opportunity_id - Invalid parameter value. Valid value(s): string",
                onlyProblem(LaunchAction.CREATE_QUOTE, body("opportunity_id", 42)).message());
    }

    @Test
    void fromJsonWhenOpenQuoteWithoutQuoteIdThenMissing() {
        assertEquals("Request payload missing mandatory field(s): quote_id",
                onlyProblem(LaunchAction.OPEN_QUOTE, body("opportunity_id", "006")).message());
    }

    @Test
    void fromJsonWhenOpenQuoteWithNothingThenBothMissing() {
        assertEquals("Request payload missing mandatory field(s): opportunity_id, quote_id",
                onlyProblem(LaunchAction.OPEN_QUOTE, body()).message());
    }

    @Test
    void fromJsonWhenCreateQuoteWithQuoteIdThenUnrecognized() {
        assertEquals("Unrecognized parameter: quote_id",
                onlyProblem(LaunchAction.CREATE_QUOTE, body("opportunity_id", "006", "quote_id", "Q1")).message());
    }

    @Test
    void fromJsonWhenOpenOpportunityWithQuoteIdThenUnrecognized() {
        assertEquals("Unrecognized parameter: quote_id",
                onlyProblem(LaunchAction.OPEN_OPPORTUNITY, body("opportunity_id", "006", "quote_id", "Q1")).message());
    }
}
