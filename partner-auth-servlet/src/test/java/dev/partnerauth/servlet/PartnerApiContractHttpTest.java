package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.AUTHENTICATE;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.servlet.testing.PartnerApiContract.Example;
import dev.partnerauth.servlet.testing.PartnerApiContract;
import java.util.List;
import java.util.Map;

/**
 * A PRM written against the DealHub contract works unchanged: the contract's own request examples,
 * sent as they are, get answers the contract allows.
 */
class PartnerApiContractHttpTest {
    private static final PartnerApiContract CONTRACT = PartnerApiContract.load();
    /** The key in the contract's example: not one of ours, and not even in our key format. */
    private static final String EXAMPLE_KEY = "480zZQNXR8zoTicG.7MIkom0ETwBjYWzi";

    @ContainerTest
    void authenticateWhenContractExampleSentVerbatimThenContractValid403(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Example example = example("authenticatePartnerUser");
            assertTrue(example.json().contains(EXAMPLE_KEY), example.json());

            Http.Response response = host.post(example.path(), example.json(), Map.of());

            assertEquals(403, response.status());
            assertEquals(PartnerApiRejectionHttpTest.FORBIDDEN, response.body());
            assertContractValid(example, response);
        }
    }

    @ContainerTest
    void authenticateWhenContractExampleCarriesOurKeyThenContractValid200(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Example example = example("authenticatePartnerUser");
            String body = example.json().replace(EXAMPLE_KEY, host.key);
            CONTRACT.assertRequestValid(example.method(), example.path(), "application/json", body, Map.of());

            Http.Response response = host.post(example.path(), body, Map.of());

            assertEquals(200, response.status(), response.body());
            assertContractValid(example, response);
            assertEquals("qwerty1234356", host.auth.findUser(host.partnerId, "qwerty1234356").orElseThrow().information().userId());
        }
    }

    @ContainerTest
    void createQuoteWhenContractExampleSentWithFreshTokenThenContractValid200(Containers containers) {
        assertLaunchExampleAccepted(containers, "createPartnerQuote");
    }

    @ContainerTest
    void openQuoteWhenContractExampleSentWithFreshTokenThenContractValid200(Containers containers) {
        assertLaunchExampleAccepted(containers, "openPartnerQuote");
    }

    @ContainerTest
    void openOpportunityWhenContractExampleSentWithFreshTokenThenContractValid200(Containers containers) {
        assertLaunchExampleAccepted(containers, "openPartnerOpportunity");
    }

    @ContainerTest
    void launchWhenContractExamplesSentWithUsedTokenThenContractValid403(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            for (Example example : CONTRACT.requestExamples()) {
                if (example.path().equals(AUTHENTICATE)) {
                    continue;
                }
                Http.Response response = host.launch(example.path(), token, example.json());

                assertEquals(example.path().endsWith("create/quote") ? 200 : 403, response.status(), example.path());
                assertContractValid(example, response);
            }
        }
    }

    private static void assertLaunchExampleAccepted(Containers containers, String operationId) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            Example example = example(operationId);
            String token = host.token();
            CONTRACT.assertRequestValid(example.method(), example.path(), "application/json", example.json(),
                    Map.of("Authorization", "Bearer " + token));

            Http.Response response = host.launch(example.path(), token, example.json());

            assertEquals(200, response.status(), response.body());
            assertContractValid(example, response);
            assertTrue(((String) json(response).get("url")).startsWith(PartnerAuthFixture.PUBLIC_BASE_URL + "/"));
        }
    }

    private static void assertContractValid(Example example, Http.Response response) {
        CONTRACT.assertResponseValid(example.method(), example.path(), response.status(),
                response.header("Content-Type").orElse(null), response.body());
    }

    private static Example example(String operationId) {
        List<Example> matching = CONTRACT.requestExamples().stream()
                .filter(e -> e.operationId().equals(operationId)).toList();
        assertEquals(1, matching.size(), operationId);
        return matching.get(0);
    }
}
