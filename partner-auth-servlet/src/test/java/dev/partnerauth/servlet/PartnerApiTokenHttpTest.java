package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerApiRejectionHttpTest.assertUnauthenticated;
import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_QUOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The access token over HTTP: single use under concurrency, untouched by bad bodies, revoked with its key. */
class PartnerApiTokenHttpTest {
    private static final String OPPORTUNITY = "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}";

    @ContainerTest
    void createQuoteWhenBodyMalformedThenTokenNotBurned(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            assertEquals(400, host.launch(CREATE_QUOTE, token, "{\"opportunity_id\":").status());
            assertEquals(400, host.launch(CREATE_QUOTE, token, "{\"opportunity_id\":42}").status());
            assertEquals(400, host.launch(OPEN_QUOTE, token, OPPORTUNITY).status());

            Http.Response response = host.launch(CREATE_QUOTE, token, OPPORTUNITY);

            assertEquals(200, response.status(), response.body());
        }
    }

    @ContainerTest
    void launchWhenTokenReusedThen403(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            Http.Response first = host.launch(CREATE_QUOTE, token, OPPORTUNITY);

            Http.Response second = host.launch(CREATE_QUOTE, token, OPPORTUNITY);

            assertEquals(200, first.status());
            assertUnauthenticated(second);
        }
    }

    @ContainerTest
    void launchWhenFiftyConcurrentRequestsShareTokenThenExactlyOneSucceeds(Containers containers) throws Exception {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            int requests = 50;
            CountDownLatch ready = new CountDownLatch(requests);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(requests);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    statuses.add(threads.submit(() -> {
                        ready.countDown();
                        go.await();
                        return host.launch(CREATE_QUOTE, token, OPPORTUNITY).status();
                    }));
                }
                ready.await(10, TimeUnit.SECONDS);
                go.countDown();
                Map<Integer, Integer> counts = new TreeMap<>();
                for (Future<Integer> status : statuses) {
                    counts.merge(status.get(20, TimeUnit.SECONDS), 1, Integer::sum);
                }

                assertEquals(Map.of(200, 1, 403, requests - 1), counts);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @ContainerTest
    void launchWhenKeyDeletedThroughAdminApiThenOutstandingTokenRefusedAtOnce(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            assertEquals(204, host.admin("DELETE", "keys/" + host.keyId, null).status());

            assertUnauthenticated(host.launch(CREATE_QUOTE, token, OPPORTUNITY));
        }
    }

    @ContainerTest
    void launchWhenAuthenticatorDisabledThroughAdminApiThenOutstandingTokenRefused(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            assertEquals(200, host.admin("PUT", "settings", "{\"enabled\":false}").status());

            assertUnauthenticated(host.launch(CREATE_QUOTE, token, OPPORTUNITY));
        }
    }

    @ContainerTest
    void launchWhenAuthenticatorDisabledAndEnabledAgainThenOldTokenStaysRevoked(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String token = host.token();
            host.admin("PUT", "settings", "{\"enabled\":false}");
            assertEquals(200, host.admin("PUT", "settings", "{\"enabled\":true}").status());

            assertUnauthenticated(host.launch(CREATE_QUOTE, token, OPPORTUNITY));
        }
    }

    @ContainerTest
    void landingWhenKeyDeletedBeforeCodeRedeemedThen403Page(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = PartnerLaunchFlowHttpTest.launchUrlPath(host);
            host.admin("DELETE", "keys/" + host.keyId, null);

            Http.Response response = Http.plain().navigate(host.server.uri(landing));

            assertEquals(403, response.status());
            assertEquals(java.util.Optional.empty(), PartnerAuthFixture.sessionCookie(response));
        }
    }

    @ContainerTest
    void landingWhenLaunchCodeExpiredThen403Page(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String landing = PartnerLaunchFlowHttpTest.launchUrlPath(host);
            host.clock.advance(java.time.Duration.ofSeconds(61));

            assertEquals(403, Http.plain().navigate(host.server.uri(landing)).status());
        }
    }

    @ContainerTest
    void landingWhenSixtyCodesRefusedThen429PageEvenForGoodCode(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String good = PartnerLaunchFlowHttpTest.launchUrlPath(host);
            String path = good.substring(0, good.indexOf('?'));
            for (int i = 0; i < 60; i++) {
                String guess = String.format("%043d", i);
                assertEquals(403, Http.plain().navigate(host.server.uri(path + "?launch=" + guess)).status(), "guess " + i);
            }

            Http.Response response = Http.plain().navigate(host.server.uri(good));

            assertEquals(429, response.status());
            assertEquals("60", response.header("Retry-After").orElseThrow());
            assertEquals(java.util.Optional.empty(), PartnerAuthFixture.sessionCookie(response));
        }
    }
}
