package dev.partnerauth.servlet;

import dev.partnerauth.PartnerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The one helper a host's own servlets use to learn who is signed in. Equivalent to
 * {@code request.getUserPrincipal()} behind the landing filter, without a cast.
 */
public final class PartnerSessions {
    private PartnerSessions() {
    }

    /** The partner signed in to this request, if any. */
    public static Optional<PartnerPrincipal> principal(HttpServletRequest request) {
        if (request.getUserPrincipal() instanceof PartnerPrincipal p) {
            return Optional.of(p);
        }
        return request.getAttribute(PartnerLandingFilter.PRINCIPAL_ATTRIBUTE) instanceof PartnerPrincipal p
                ? Optional.of(p) : Optional.empty();
    }
}
