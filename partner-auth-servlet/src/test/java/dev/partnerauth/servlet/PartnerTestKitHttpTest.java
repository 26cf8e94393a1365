package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testkit.PartnerSignIn;
import dev.partnerauth.servlet.testkit.PartnerTestKit;
import dev.partnerauth.user.UserInformation;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host test kit against a real host: the fixture's, on every container, on a random port. */
class PartnerTestKitHttpTest {

    private static URI address(PartnerAuthFixture host) {
        return host.server.uri("/");
    }

    @ContainerTest
    void signInWhenKeyValidThenHostPageSeesThePartnerThroughTheRealFlow(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            PartnerSignIn.SignedIn david = PartnerTestKit.signIn(address(host), host.key)
                    .as(PartnerTestKit.user("005xx000001Sv6EAAS").withName("David \"Dave\" Solomon"))
                    .openQuote("0065g00000AbCdEAAV", "Q 00042");

            HttpResponse<String> page = david.get(david.location());

            assertEquals("/cpq/opportunities/0065g00000AbCdEAAV/quotes/Q%2000042", david.location());
            assertEquals(200, page.statusCode());
            PartnerPrincipal seen = host.pages.remove().sessionPrincipal().orElseThrow();
            assertEquals("005xx000001Sv6EAAS", seen.user().userId());
            assertEquals("David \"Dave\" Solomon", seen.user().name());
            assertTrue(seen.mayAccessOpportunity("0065g00000AbCdEAAV"));
        }
    }

    @ContainerTest
    void signOutWhenSignedInThenTheSessionIsAnonymousAtItsNextRequestAndTheUserCanSignInAgain(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            PartnerSignIn ann = PartnerTestKit.signIn(address(host), host.key).as(PartnerTestKit.user("ann"));
            PartnerSignIn.SignedIn session = ann.createQuote("006");
            session.get("/cpq/home");
            assertTrue(host.pages.remove().sessionPrincipal().isPresent());

            ann.signOut();

            session.get("/cpq/home");
            assertTrue(host.pages.remove().sessionPrincipal().isEmpty());
            ann.createQuote("006").get("/cpq/home");
            assertTrue(host.pages.remove().sessionPrincipal().isPresent());
        }
    }

    @ContainerTest
    void deactivateWhenDoneThenSignInRefusedUntilActivated(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            PartnerSignIn ann = PartnerTestKit.signIn(address(host), host.key).as(PartnerTestKit.user("ann"))
                    .explainingRefusalsWith(host.auth);
            ann.createQuote("006");

            ann.deactivate();

            PartnerSignIn.Refused refused = assertThrows(PartnerSignIn.Refused.class, () -> ann.createQuote("006"));
            assertEquals("authenticate/user", refused.step());
            assertTrue(refused.reason().contains("USER_DEACTIVATED"), refused.reason());
            ann.activate();
            ann.createQuote("006");
        }
    }

    @ContainerTest
    void signOutWhenUserNeverSignedInThenRefusedNamingTheCall(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            PartnerSignIn.Refused refused = assertThrows(PartnerSignIn.Refused.class,
                    () -> PartnerTestKit.signIn(address(host), host.key).as(PartnerTestKit.user("nobody")).signOut());

            assertEquals("signout/user", refused.step());
            assertEquals(404, refused.status());
            assertEquals(List.of("Not found: user_id"), refused.messages());
        }
    }

    @ContainerTest
    void signInWhenKeyDeletedThenRefusedWithTheAuditReasonTheWireNeverTells(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.auth.deleteKey(KeyId.parse(host.keyId).orElseThrow(), "test");

            PartnerSignIn.Refused refused = assertThrows(PartnerSignIn.Refused.class, () ->
                    PartnerTestKit.signIn(address(host), host.key).explainingRefusalsWith(host.auth).createQuote("006"));

            assertEquals("authenticate/user", refused.step());
            assertEquals(403, refused.status());
            assertEquals(List.of("Forbidden"), refused.messages());
            assertTrue(refused.reason().startsWith("AUTHENTICATE_REFUSED"), refused.reason());
            assertFalse(refused.getMessage().contains(host.key), "the key must not reach a test report");
        }
    }

    @ContainerTest
    void signInWhenReasonReadThroughAdminApiThenSameReason(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            host.auth.deleteKey(KeyId.parse(host.keyId).orElseThrow(), "test");

            PartnerSignIn.Refused refused = assertThrows(PartnerSignIn.Refused.class, () ->
                    PartnerTestKit.signIn(address(host), host.key)
                            .explainingRefusalsWithAdmin(PartnerAuthFixture.adminCredentials().get("Authorization"))
                            .createQuote("006"));

            assertTrue(refused.reason().startsWith("AUTHENTICATE_REFUSED"), refused.reason());
        }
    }

    @ContainerTest
    void signInWhenUserFieldInvalidThenRefusedWithThePublicMessage(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            PartnerSignIn.Refused refused = assertThrows(PartnerSignIn.Refused.class, () ->
                    PartnerTestKit.signIn(address(host), host.key)
                            .as(PartnerTestKit.user("u-1").withEmail("not an address"))
                            .openOpportunity("006"));

            assertEquals(400, refused.status());
            assertTrue(refused.messages().get(0).startsWith("user_information.email"), refused.messages().toString());
            assertEquals(null, refused.reason(), "no way to read the audit log was given");
        }
    }

    @Test
    void signInWhenAddressRelativeThenRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> PartnerTestKit.signIn(URI.create("/cpq"), "pak_x"));
    }

    @Test
    void testPepperWhenMadeThenAcceptedByTheBuilderAndRedacted() {
        KeyPepper pepper = PartnerTestKit.testPepper();

        dev.partnerauth.PartnerAuth auth = dev.partnerauth.PartnerAuth.builder().keyPepper(pepper)
                .publicBaseUrl(URI.create("https://cpq.example.com")).slf4jAudit(false).build();

        assertEquals("KeyPepper[<redacted>]", pepper.toString());
        assertTrue(auth.createKey("k", dev.partnerauth.allowlist.IpAllowlist.ANY, null, "test").plaintext().startsWith("pak_"));
    }

    @Test
    void userWhenOnlyIdGivenThenValidUserInformation() {
        UserInformation user = PartnerTestKit.user("u-7").withCompany("Acme").toUserInformation();

        assertEquals("u-7", user.userId());
        assertEquals("Acme", user.company());
        assertTrue(user.email().endsWith("@partner.example"));
    }

    @ContainerTest
    void withPartnerWhenWrappedThenHostServletSeesPartnerAndOnlyThePartnerRole(Containers containers) {
        PartnerPrincipal partner;
        try (PartnerAuthFixture host = PartnerAuthFixture.start(containers)) {
            PartnerSignIn.SignedIn signedIn = PartnerTestKit.signIn(address(host), host.key).createQuote("006");
            signedIn.get(signedIn.location());
            partner = host.pages.remove().sessionPrincipal().orElseThrow();
        }
        HttpServletRequest bare = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> null);

        HttpServletRequest request = PartnerTestKit.withPartner(bare, partner);

        assertEquals(partner, PartnerSessions.principal(request).orElseThrow());
        assertTrue(request.isUserInRole("partner"));
        assertFalse(request.isUserInRole("admin"));
        assertEquals(partner.getName(), request.getRemoteUser());
        assertEquals(null, bare.getUserPrincipal(), "the wrapped request itself is untouched");
    }
}
