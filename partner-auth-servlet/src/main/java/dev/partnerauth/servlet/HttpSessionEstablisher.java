package dev.partnerauth.servlet;

import dev.partnerauth.PartnerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * Keeps the partner principal in the container's {@code HttpSession} under {@link #ATTRIBUTE}. A
 * later launch by the same user through the same key adds its opportunities to the session; a
 * different user replaces the principal. The session cookie's attributes ({@code Secure},
 * {@code HttpOnly}, {@code SameSite=None}) are set once on the context by {@link PartnerAuthFilters}.
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
}
