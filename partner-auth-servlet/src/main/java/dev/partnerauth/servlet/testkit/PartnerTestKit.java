package dev.partnerauth.servlet.testkit;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.internal.PartnerRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.util.Objects;

/** Small things a host's tests need; see the package documentation. */
public final class PartnerTestKit {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PartnerTestKit() {
    }

    /**
     * A fresh random pepper of the minimum length. Random on purpose: a test pepper that is a known
     * constant would be one copy-paste away from protecting a production key table.
     */
    public static KeyPepper testPepper() {
        byte[] bytes = new byte[KeyPepper.MIN_BYTES];
        RANDOM.nextBytes(bytes);
        return KeyPepper.of(bytes);
    }

    /** A partner user with {@code userId} and plausible defaults for the other required fields. */
    public static TestUser user(String userId) {
        return TestUser.of(userId);
    }

    /** Signs partner users in to the host at {@code hostAddress} (such as {@code http://127.0.0.1:54321}) with {@code key}. */
    public static PartnerSignIn signIn(java.net.URI hostAddress, String key) {
        return PartnerSignIn.against(hostAddress, key);
    }

    /**
     * The request as a host's servlet sees it behind the landing filter once {@code partner} is
     * signed in: {@code getUserPrincipal()}, {@code getRemoteUser()}, {@code isUserInRole("partner")},
     * {@code getAuthType()} ({@code "PARTNER"}) and {@code PartnerSessions.principal(request)} all
     * answer for the partner, with the same wrapper the landing filter uses. For unit tests of a
     * host's own servlets without a container.
     */
    public static HttpServletRequest withPartner(HttpServletRequest request, PartnerPrincipal partner) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(partner, "partner");
        return PartnerRequest.withPartnerRole(request, partner);
    }
}
