package dev.partnerauth.servlet.internal;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.PartnerLandingFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Objects;

/**
 * A request as the host's code sees it once a partner is signed in: the partner is its user
 * principal and remote user, and its authentication type is {@value #AUTH_TYPE}. The one wrapper
 * behind the landing filter, the Spring integration and the test kit, so that all three answer
 * alike. Unsupported: hosts use {@code PartnerTestKit.withPartner}.
 */
public final class PartnerRequest extends HttpServletRequestWrapper {
    /** What {@link #getAuthType()} answers: the partner was not authenticated by the container. */
    public static final String AUTH_TYPE = "PARTNER";
    private final PartnerPrincipal principal;
    private final boolean ownRole;

    private PartnerRequest(HttpServletRequest request, PartnerPrincipal principal, boolean ownRole) {
        super(request);
        this.principal = Objects.requireNonNull(principal, "principal");
        this.ownRole = ownRole;
    }

    /** The partner's only role is {@value PartnerLandingFilter#ROLE}: never one of the container's. */
    public static HttpServletRequest withPartnerRole(HttpServletRequest request, PartnerPrincipal principal) {
        return new PartnerRequest(request, principal, true);
    }

    /** Roles are the wrapped request's to answer (Spring's wrapper answers them from the authorities). */
    public static HttpServletRequest withWrappedRoles(HttpServletRequest request, PartnerPrincipal principal) {
        return new PartnerRequest(request, principal, false);
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return ownRole ? PartnerLandingFilter.ROLE.equals(role) : super.isUserInRole(role);
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }
}
