package dev.partnerauth.servlet;

import dev.partnerauth.PartnerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * How a signed-in partner user becomes a session in the host. The default, {@link
 * HttpSessionEstablisher}, keeps the principal in the container's {@code HttpSession}; a host with
 * its own session machinery implements both methods over it.
 */
public interface SessionEstablisher {
    /**
     * Signs the principal in for this browser, rotating the session id so that a session id fixed
     * before sign-in is worthless after it.
     */
    void establish(HttpServletRequest request, HttpServletResponse response, PartnerPrincipal principal);

    /** The partner principal of this request's session, if any. Must not create a session. */
    Optional<PartnerPrincipal> current(HttpServletRequest request);
}
