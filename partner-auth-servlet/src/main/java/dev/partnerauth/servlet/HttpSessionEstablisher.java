package dev.partnerauth.servlet;

import dev.partnerauth.PartnerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Optional;

/**
 * Keeps the partner principal in the container's {@code HttpSession} under {@link #ATTRIBUTE}. A
 * later launch by the same user adds its opportunities to the session; a sign-in never inherits
 * the session of another or an ended identity (see {@link #establish}). The
 * cookie attributes of the sign-in response ({@code Secure}, {@code HttpOnly}, {@code SameSite})
 * are written by the filters, not here.
 */
public final class HttpSessionEstablisher implements SessionEstablisher {
    /** The session attribute that holds the {@link PartnerPrincipal}. */
    public static final String ATTRIBUTE = PartnerPrincipal.class.getName();
    /** Left in a session whose partner was ended but that the host's attributes keep alive: the next sign-in starts afresh. */
    static final String ENDED_ATTRIBUTE = HttpSessionEstablisher.class.getName() + ".ENDED";

    /**
     * Signs in. The same partner user again keeps the session (its id rotated, its opportunities
     * added); a session that held another identity, or one whose partner was ended (revoked,
     * expired, disabled), is invalidated and a new one made, so that nothing of the earlier
     * identity's session (the host's data, a CSRF token) passes to the next; an anonymous session
     * keeps its attributes and gets a new id.
     */
    @Override
    public void establish(HttpServletRequest request, HttpServletResponse response, PartnerPrincipal principal) {
        HttpSession existing = request.getSession(false);
        PartnerPrincipal merged = principal;
        if (existing != null) {
            Object before = existing.getAttribute(ATTRIBUTE);
            boolean otherIdentity = before instanceof PartnerPrincipal p && !p.sameIdentity(principal);
            if (otherIdentity || existing.getAttribute(ENDED_ATTRIBUTE) != null) {
                existing.invalidate();
            } else {
                request.changeSessionId();
                if (before instanceof PartnerPrincipal p) {
                    merged = p.mergedWith(principal);
                }
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
     * attribute of the host's is left in it, so that a revoked partner's session id is worth nothing,
     * and otherwise marks it, so that the next sign-in in it gets a new session (see {@link #establish}).
     */
    @Override
    public void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        try {
            boolean heldPartner = session.getAttribute(ATTRIBUTE) != null;
            session.removeAttribute(ATTRIBUTE);
            session.removeAttribute(IdentitySwitch.ATTRIBUTE);
            if (Collections.list(session.getAttributeNames()).stream().allMatch(ENDED_ATTRIBUTE::equals)) {
                session.invalidate();
            } else if (heldPartner) {
                session.setAttribute(ENDED_ATTRIBUTE, Boolean.TRUE);
            }
        } catch (IllegalStateException alreadyInvalidated) {
            // nothing is left to end
        }
    }
}
