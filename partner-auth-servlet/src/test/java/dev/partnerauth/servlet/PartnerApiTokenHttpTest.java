package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerApiRejectionHttpTest.assertUnauthenticated;
import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.OPEN_QUOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void launchWhenSpentTokenReplayedForAnyOpportunityThenAuthorizerNeverAskedAndOneAnswer(Containers containers) {
        // the partner's own user replays its spent token to learn who owns which opportunity id
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        dev.partnerauth.launch.LaunchAuthorizer firstOwns = (partner, user, request) -> {
            asked.incrementAndGet();
            return request.opportunityId().equals("OPP-OF-ANOTHER-PARTNER")
                    ? new dev.partnerauth.launch.LaunchAuthorizer.Refused("owned by another partner")
                    : new dev.partnerauth.launch.LaunchAuthorizer.Allowed();
        };
        try (PartnerAuthFixture host = PartnerAuthFixture.options().auth(b -> b.launchAuthorizer(firstOwns)).start(containers)) {
            String token = host.token();
            assertEquals(200, host.launch(CREATE_QUOTE, token, OPPORTUNITY).status());
            asked.set(0);

            Http.Response ownedElsewhere = host.launch(CREATE_QUOTE, token, "{\"opportunity_id\":\"OPP-OF-ANOTHER-PARTNER\"}");
            Http.Response neverOpened = host.launch(CREATE_QUOTE, token, "{\"opportunity_id\":\"OPP-NEVER-OPENED\"}");

            assertEquals(0, asked.get(), "a spent token never reaches the host's authorizer");
            assertUnauthenticated(ownedElsewhere);
            assertEquals(ownedElsewhere.status(), neverOpened.status());
            assertEquals(ownedElsewhere.body(), neverOpened.body());
            assertEquals(ownedElsewhere.header("Content-Type"), neverOpened.header("Content-Type"));
            dev.partnerauth.audit.AuditEvent replay = host.auth.recentAuditEvents(1).get(0);
            assertEquals(dev.partnerauth.audit.AuditEventType.TOKEN_REFUSED, replay.type());
            assertEquals("ALREADY_USED", replay.reason());
            assertEquals(host.keyId, replay.keyId());
            assertEquals(host.partnerId.value(), replay.partnerId());
        }
    }

    @ContainerTest
    void launchWhenAuthorizerRefusedThenSameTokenStillOpensAnAllowedOpportunity(Containers containers) {
        dev.partnerauth.launch.LaunchAuthorizer refusesOne = (partner, user, request) ->
                request.opportunityId().equals("OPP-OF-ANOTHER-PARTNER")
                        ? new dev.partnerauth.launch.LaunchAuthorizer.Refused("owned by another partner")
                        : new dev.partnerauth.launch.LaunchAuthorizer.Allowed();
        try (PartnerAuthFixture host = PartnerAuthFixture.options().auth(b -> b.launchAuthorizer(refusesOne)).start(containers)) {
            String token = host.token();

            Http.Response refused = host.launch(CREATE_QUOTE, token, "{\"opportunity_id\":\"OPP-OF-ANOTHER-PARTNER\"}");
            Http.Response allowed = host.launch(CREATE_QUOTE, token, OPPORTUNITY);

            assertEquals(403, refused.status());
            assertEquals(200, allowed.status(), allowed.body());
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
    void landingWhenSharedNetworkFloodsJunkCodesThenJunk429ButGoodCodeSignsIn(Containers containers) {
        // 60 hidden iframes of ?launch=x on a page someone on the user's network opened
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String good = PartnerLaunchFlowHttpTest.launchUrlPath(host);
            String path = good.substring(0, good.indexOf('?'));
            // what a browser sends for the user's own top-level navigation
            Map<String, String> navigation = Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document",
                    "Sec-Fetch-Site", "cross-site");
            for (int i = 0; i < 60; i++) {
                String guess = String.format("%043d", 100 + i);
                assertEquals(403, Http.plain().get(host.server.uri(path + "?launch=" + guess), navigation).status(), "guess " + i);
            }
            Http.Response junk = Http.plain().get(host.server.uri(path + "?launch=" + String.format("%043d", 60)), navigation);
            assertEquals(429, junk.status());
            assertEquals("60", junk.header("Retry-After").orElseThrow());

            Http.Response response = Http.plain().get(host.server.uri(good), navigation);

            assertEquals(303, response.status(), response.body());
            assertTrue(PartnerAuthFixture.sessionCookie(response).isPresent(), "signed in");
            assertEquals(path, response.header("Location").orElseThrow());
        }
    }
}
