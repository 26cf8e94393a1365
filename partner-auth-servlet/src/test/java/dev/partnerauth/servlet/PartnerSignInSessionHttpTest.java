package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.USER_ID;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static dev.partnerauth.servlet.PartnerLaunchFlowHttpTest.launchUrlPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sign-in never inherits another identity's session: landing in a session that held a different
 * or an ended (revoked) identity starts a new one, so none of the host's data of that session (a
 * cart, a CSRF token) passes on; the same identity relaunching keeps its session under a new id,
 * and an anonymous session keeps the host's data under a new id.
 */
class PartnerSignInSessionHttpTest {

    private static PartnerAuthFixture hostWithCart(Containers containers) {
        return PartnerAuthFixture.options().registration((ctx, filters) -> {
            filters.register(ctx);
            ctx.addServlet("cart", new CartServlet()).addMapping("/cart");
        }).start(containers);
    }

    /** Puts the host's own data (a cart) into the browser's session; answers its session cookie (new or kept). */
    private static String putCart(PartnerAuthFixture host, String cookie) {
        Http.Response put = Http.plain().post(host.server.uri("/cart"), "", cookie == null
                ? Map.of("Content-Type", "text/plain") : Map.of("Cookie", cookie, "Content-Type", "text/plain"));
        assertEquals(200, put.status(), put.body());
        return sessionCookie(put).orElse(cookie);
    }

    private static String cart(PartnerAuthFixture host, String cookie) {
        return Http.plain().get(host.server.uri("/cart"), Map.of("Cookie", cookie)).body();
    }

    private static String signIn(PartnerAuthFixture host, String cookie) {
        Http.Response landed = host.land(launchUrlPath(host), cookie);
        assertEquals(303, landed.status(), landed.body());
        return sessionCookie(landed).orElseThrow();
    }

    @ContainerTest
    void landingWhenSessionHeldRevokedIdentityThenNewSessionWithoutItsHostData(Containers containers) {
        try (PartnerAuthFixture host = hostWithCart(containers)) {
            String first = signIn(host, null);
            putCart(host, first);
            assertEquals(200, host.admin("PUT", "settings", "{\"enabled\":false,\"crm\":\"SALESFORCE\"}").status());
            assertEquals(Optional.empty(), host.principalOnPage(first), "revoked: anonymous, the cart kept");
            assertEquals("cart=3", cart(host, first));
            assertEquals(200, host.admin("PUT", "settings", "{\"enabled\":true,\"crm\":\"SALESFORCE\"}").status());

            String second = signIn(host, first);

            assertNotEquals(first, second);
            assertEquals("cart=null", cart(host, second), "nothing of the revoked identity's session carries over");
            assertEquals("none", cart(host, first), "the old session is gone");
            assertEquals(USER_ID, host.principalOnPage(second).orElseThrow().user().userId());
        }
    }

    @ContainerTest
    void landingWhenSameIdentityRelaunchesThenSessionKeptUnderNewId(Containers containers) {
        try (PartnerAuthFixture host = hostWithCart(containers)) {
            String first = signIn(host, null);
            putCart(host, first);

            String second = signIn(host, first);

            assertNotEquals(first, second);
            assertEquals("cart=3", cart(host, second));
            assertEquals("none", cart(host, first));
        }
    }

    @ContainerTest
    void landingWhenAnonymousSessionHoldsHostDataThenKeptUnderNewId(Containers containers) {
        try (PartnerAuthFixture host = hostWithCart(containers)) {
            String anonymous = putCart(host, null);

            String signedIn = signIn(host, anonymous);

            assertNotEquals(anonymous, signedIn, "a session id fixed before sign-in is worthless after it");
            assertEquals("cart=3", cart(host, signedIn));
            assertEquals("none", cart(host, anonymous));
        }
    }

    @ContainerTest
    void switchWhenConfirmedThenNewSessionWithoutPreviousUsersHostData(Containers containers) {
        try (PartnerAuthFixture host = hostWithCart(containers)) {
            String victim = signIn(host, null);
            putCart(host, victim);
            Http.Response asked = host.land(host.launchPath(host.key, "colleague-2", "Carol"), victim);
            Matcher nonce = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"").matcher(asked.body());
            Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(asked.body());
            assertTrue(nonce.find() && action.find(), asked.body());

            Http.Response switched = Http.plain().post(host.server.uri(action.group(1).replace("&amp;", "&")),
                    "nonce=" + nonce.group(1), Map.of("Cookie", victim, "Content-Type", "application/x-www-form-urlencoded",
                            "Sec-Fetch-Site", "same-origin", "Origin", "null"));

            assertEquals(303, switched.status(), switched.body());
            assertEquals("cart=null", cart(host, sessionCookie(switched).orElseThrow()));
        }
    }

    /** The host's own use of the session: GET shows the cart, POST creates the session if needed and fills it. */
    private static final class CartServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            var session = request.getSession(false);
            response.getWriter().write(session == null ? "none" : "cart=" + session.getAttribute("cart"));
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            request.getSession(true).setAttribute("cart", 3);
        }
    }
}
