package dev.partnerauth.servlet;

import dev.partnerauth.PartnerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * How a signed-in partner user becomes a session in the host. The default, {@link
 * HttpSessionEstablisher}, keeps the principal in the container's {@code HttpSession}; a host with
 * its own session machinery implements the three methods over it.
 */
public interface SessionEstablisher {
    /**
     * Signs the principal in for this browser, rotating the session id so that a session id fixed
     * before sign-in is worthless after it. The landing filter calls it only with no partner in the
     * session or with the same partner user again (whose opportunities then accumulate); a session
     * that held another identity, or whose identity was ended ({@link #end}), must not pass
     * anything on to this sign-in: the default starts a new session then.
     */
    void establish(HttpServletRequest request, HttpServletResponse response, PartnerPrincipal principal);

    /** The partner principal of this request's session, if any. Must not create a session. */
    Optional<PartnerPrincipal> current(HttpServletRequest request);

    /**
     * Removes the partner identity from this request's session, because its grounds no longer
     * hold (its key deleted or expired, its user disabled, the authenticator off) or because the
     * browser switches to another partner identity; ends the session when it held nothing else.
     * After it, {@link #current} answers empty for this session on every node.
     */
    void end(HttpServletRequest request);
}
