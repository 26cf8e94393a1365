package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static dev.partnerauth.servlet.PartnerLaunchFlowHttpTest.launchUrlPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A live partner session ends with its grounds: the next request after its key is deleted or
 * expires, its user is disabled or the authenticator is switched off is anonymous, the session is
 * ended when it held nothing of the host's, and the end is audited with its reason.
 */
class PartnerSessionRevocationHttpTest {

    private static String signedInCookie(PartnerAuthFixture host) {
        Http.Response landed = host.land(launchUrlPath(host), null);
        assertEquals(303, landed.status(), landed.body());
        String cookie = sessionCookie(landed).orElseThrow();
        assertTrue(host.principalOnPage(cookie).isPresent());
        return cookie;
    }

    private static List<AuditEvent> sessionEnds(PartnerAuth auth) {
        return auth.recentAuditEvents(100).stream().filter(e -> e.type() == AuditEventType.SESSION_ENDED).toList();
    }

    @ContainerTest
    void sessionWhenKeyDeletedThroughAdminThenNextRequestAnonymousAndAudited(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);

            assertEquals(204, host.admin("DELETE", "keys/" + host.keyId, null).status());

            assertEquals(Optional.empty(), host.principalOnPage(cookie));
            AuditEvent ended = sessionEnds(host.auth).get(0);
            assertEquals("KEY_REVOKED", ended.reason());
            assertEquals(host.keyId, ended.keyId());
            assertEquals(USER_ID, ended.userId());
            assertEquals(1, sessionEnds(host.auth).size());
            assertEquals(Optional.empty(), host.principalOnPage(cookie), "ended for good, and audited once");
            assertEquals(1, sessionEnds(host.auth).size());
        }
    }

    @ContainerTest
    void sessionWhenAuthenticatorDisabledThroughAdminThenNextRequestAnonymous(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);

            assertEquals(200, host.admin("PUT", "settings", "{\"enabled\":false,\"crm\":\"SALESFORCE\"}").status());

            assertEquals(Optional.empty(), host.principalOnPage(cookie));
            assertEquals("AUTHENTICATOR_DISABLED", sessionEnds(host.auth).get(0).reason());
        }
    }

    @ContainerTest
    void sessionWhenUserDisabledThenNextRequestAnonymous(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);

            assertEquals(200, host.admin("PUT", "users/" + host.partnerId + "/" + USER_ID, "{\"enabled\":false}").status());

            assertEquals(Optional.empty(), host.principalOnPage(cookie));
            assertEquals("USER_DISABLED", sessionEnds(host.auth).get(0).reason());
        }
    }

    @ContainerTest
    void sessionWhenKeyExpiresThenFirstRequestAfterExpiryAnonymous(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            String cookie = signedInCookie(host);
            String expiry = host.clock.instant().plusSeconds(600).toString();
            assertEquals(200, host.admin("PUT", "keys/" + host.keyId, "{\"expires_at\":\"" + expiry + "\"}").status());

            host.clock.advance(Duration.ofSeconds(599));
            Optional<?> before = host.principalOnPage(cookie);
            host.clock.advance(Duration.ofSeconds(1));

            assertTrue(before.isPresent());
            assertEquals(Optional.empty(), host.principalOnPage(cookie));
            assertEquals("KEY_EXPIRED", sessionEnds(host.auth).get(0).reason());
        }
    }

    @ContainerTest
    void sessionWhenEndedAndHeldNothingElseThenInvalidated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().registration((ctx, filters) -> {
            filters.register(ctx);
            ctx.addServlet("session", new SessionServlet()).addMapping("/session");
        }).start(containers)) {
            String cookie = signedInCookie(host);
            host.admin("DELETE", "keys/" + host.keyId, null);
            host.principalOnPage(cookie);

            Http.Response after = Http.plain().get(host.server.uri("/session"), Map.of("Cookie", cookie));

            assertEquals("none", after.body(), "the revoked partner's session id maps to no session");
        }
    }

    @ContainerTest
    void sessionWhenEndedAndHeldHostDataThenKeptWithoutPartner(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().registration((ctx, filters) -> {
            filters.register(ctx);
            ctx.addServlet("session", new SessionServlet()).addMapping("/session");
        }).start(containers)) {
            String cookie = signedInCookie(host);
            Http.plain().post(host.server.uri("/session"), "", Map.of("Cookie", cookie, "Content-Type", "text/plain"));
            host.admin("DELETE", "keys/" + host.keyId, null);

            Optional<?> principal = host.principalOnPage(cookie);
            Http.Response after = Http.plain().get(host.server.uri("/session"), Map.of("Cookie", cookie));

            assertEquals(Optional.empty(), principal);
            assertEquals("cart=3", after.body(), "the host's own data outlives the partner identity");
        }
    }

    @ContainerTest
    void sessionWhenStoreFailsDuringCheckThen503PageAndSessionKept(Containers containers) {
        FailingUsers users = new FailingUsers();
        try (PartnerAuthFixture host = PartnerAuthFixture.options().auth(b -> b.userStore(users)).start(containers)) {
            String cookie = signedInCookie(host);
            host.clock.advance(PartnerAuth.Builder.MAX_SESSION_CHECK_INTERVAL);
            users.failWith(new StoreUnavailableException("user store down", new SQLException("down")));

            Http.Response during = Http.plain().get(host.server.uri("/cpq/home"), Map.of("Cookie", cookie));
            users.failWith(null);

            assertEquals(503, during.status());
            assertTrue(during.body().contains("Temporarily unavailable"), during.body());
            assertTrue(host.pages.isEmpty(), "the page did not run with an unchecked partner");
            assertTrue(host.principalOnPage(cookie).isPresent(), "an outage ends no session");
            assertEquals(List.of(), sessionEnds(host.auth));
        }
    }

    /** A host servlet with its own use of the session: GET shows what it holds, POST puts something in. */
    private static final class SessionServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            var session = request.getSession(false);
            response.getWriter().write(session == null ? "none" : "cart=" + session.getAttribute("cart"));
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            request.getSession(false).setAttribute("cart", 3);
        }
    }
}
