package dev.partnerauth.servlet.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Collections;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Runs just after Spring has loaded the request's {@code SecurityContext}: a partner token in it was
 * persisted by someone (a host's own repository, a session saved before {@link PartnerAuthentication}
 * was transient, code that put the context into the session itself), since partner-auth makes it
 * afresh on every request, after the session check. Such a token may outlive the partner session's
 * grounds (a deleted key, a disabled user), so it is dropped before any filter or page reads it,
 * and removed from the session, where a filter chain without partner-auth would find it again.
 * {@link PartnerSecurityContextFilter} then puts the partner back, after the landing filter's
 * session check, only while the grounds hold.
 */
final class PersistedPartnerContextFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
        if (holder.getContext().getAuthentication() instanceof PartnerAuthentication) {
            holder.setContext(holder.createEmptyContext());
            if (req instanceof HttpServletRequest request) {
                removeFromSession(request.getSession(false));
            }
        }
        chain.doFilter(req, res);
    }

    private static void removeFromSession(HttpSession session) {
        if (session == null) {
            return;
        }
        try {
            for (String name : Collections.list(session.getAttributeNames())) {
                if (session.getAttribute(name) instanceof SecurityContext context
                        && context.getAuthentication() instanceof PartnerAuthentication) {
                    session.removeAttribute(name);
                }
            }
        } catch (IllegalStateException invalidated) {
            // nothing is left to remove
        }
    }
}
