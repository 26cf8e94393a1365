package dev.partnerauth.servlet.spring;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * A partner-auth filter inside Spring's chain, run on the client's own request only, as {@code
 * PartnerAuthFilters.register} maps it. Spring Boot runs its security chain on error, forward and
 * include dispatches too, whose URLs the client did not send.
 */
final class RequestDispatchOnly implements Filter {
    private final Filter filter;

    RequestDispatchOnly(Filter filter) {
        this.filter = filter;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            filter.doFilter(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    @Override
    public String toString() {
        return filter.getClass().getSimpleName();
    }
}
