package dev.partnerauth.servlet;

import dev.partnerauth.PartnerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Optional;

/**
 * Keeps the partner principal in the container's {@code HttpSession} under {@link #ATTRIBUTE}. A
 * later launch by the same user through the same key adds its opportunities to the session. The
 * cookie attributes of the sign-in response ({@code Secure}, {@code HttpOnly}, {@code SameSite})
 * are written by the filters, not here.
 */
public final class HttpSessionEstablisher implements SessionEstablisher {
    /** The session attribute that holds the {@link PartnerPrincipal}. */
    public static final String ATTRIBUTE = PartnerPrincipal.class.getName();

    @Override
    public void establish(HttpServletRequest request, HttpServletResponse response, PartnerPrincipal principal) {
        HttpSession existing = request.getSession(false);
        PartnerPrincipal merged = principal;
        if (existing != null) {
            request.changeSessionId();
            Object before = existing.getAttribute(ATTRIBUTE);
            if (before instanceof PartnerPrincipal p) {
                merged = p.mergedWith(principal);
            }
        }
        request.getSession(true).setAttribute(ATTRIBUTE, merged);
    }

    @Override
    public Optional<PartnerPrincipal> current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        try {
            return session.getAttribute(ATTRIBUTE) instanceof PartnerPrincipal p ? Optional.of(p) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    /**
     * Removes the principal (and a pending identity switch); invalidates the session when no
     * attribute of the host's is left in it, so that a revoked partner's session id is worth nothing.
     */
    @Override
    public void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        try {
            session.removeAttribute(ATTRIBUTE);
            session.removeAttribute(IdentitySwitch.ATTRIBUTE);
            if (Collections.list(session.getAttributeNames()).isEmpty()) {
                session.invalidate();
            }
        } catch (IllegalStateException alreadyInvalidated) {
            // nothing is left to end
        }
    }
}
