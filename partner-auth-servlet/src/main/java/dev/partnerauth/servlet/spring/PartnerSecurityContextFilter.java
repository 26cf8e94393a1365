package dev.partnerauth.servlet.spring;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.PartnerSessions;
import dev.partnerauth.servlet.internal.PartnerRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Puts the partner of the partner-auth session into Spring's {@code SecurityContext}, for this
 * request only, and gives the host's code the {@link PartnerPrincipal} back as the user principal
 * (Spring's own request wrapper, which runs before this, would answer the Spring token instead).
 *
 * <p>It runs just after the landing filter, both after Spring's authentication filters and before
 * the anonymous one, so that a host login of this request is known. A host login always wins and
 * the partner is then hidden from the request altogether: one request never carries two identities.
 * On the request whose session check ended the partner session, the partner token is gone from
 * the context before any later filter or the host's code reads it.
 */
final class PartnerSecurityContextFilter implements Filter {
    /** Where {@link PartnerRequestPostProcessors} leaves a partner for a MockMvc request. */
    static final String TEST_PRINCIPAL_ATTRIBUTE = PartnerSecurityContextFilter.class.getName() + ".TEST_PRINCIPAL";
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request)) {
            chain.doFilter(req, res);
            return;
        }
        SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
        Authentication current = holder.getContext().getAuthentication();
        Optional<PartnerPrincipal> partner = partner(request);
        if (isHostLogin(current)) {
            chain.doFilter(partner.isPresent() ? new HostRequest(beneathPartner(request)) : request, res);
            return;
        }
        if (partner.isEmpty()) {
            if (current instanceof PartnerAuthentication) {
                // a partner token that a legacy auto-saving context repository kept past its session
                holder.setContext(holder.createEmptyContext());
            }
            chain.doFilter(request, res);
            return;
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(new PartnerAuthentication(partner.get()));
        holder.setContext(context);
        // roles stay with Spring's wrapper, which answers them from the authorities
        chain.doFilter(PartnerRequest.withWrappedRoles(request, partner.get()), res);
    }

    /**
     * The request as it was before the landing filter made the partner its principal: Spring's own
     * wrapper beneath it answers the host login's principal and roles.
     */
    private static HttpServletRequest beneathPartner(HttpServletRequest request) {
        HttpServletRequest r = request;
        while (r instanceof PartnerRequest wrapper && wrapper.getRequest() instanceof HttpServletRequest inner) {
            r = inner;
        }
        return r;
    }

    static boolean isHostLogin(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && !TRUST.isAnonymous(authentication)
                && !(authentication instanceof PartnerAuthentication);
    }

    private static Optional<PartnerPrincipal> partner(HttpServletRequest request) {
        Optional<PartnerPrincipal> session = PartnerSessions.principal(request);
        if (session.isPresent()) {
            return session;
        }
        return request.getAttribute(TEST_PRINCIPAL_ATTRIBUTE) instanceof PartnerPrincipal p ? Optional.of(p) : Optional.empty();
    }

    /**
     * A host login's request in a browser that also holds a partner session: whatever the landing
     * filter exposed of the partner is withheld, so that {@link PartnerSessions#principal} answers
     * empty, as Spring's context does.
     */
    private static final class HostRequest extends HttpServletRequestWrapper {
        HostRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            Object value = super.getAttribute(name);
            return value instanceof PartnerPrincipal ? null : value;
        }

        @Override
        public Principal getUserPrincipal() {
            Principal principal = super.getUserPrincipal();
            return principal instanceof PartnerPrincipal ? null : principal;
        }

        @Override
        public String getRemoteUser() {
            Principal principal = getUserPrincipal();
            return principal == null ? null : principal.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return !PartnerAuthentication.AUTHORITY.equals("ROLE_" + role) && super.isUserInRole(role);
        }
    }
}
