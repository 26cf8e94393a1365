package dev.partnerauth.demo.prm;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Answers only requests addressed to a known host name. Without it, a page on another site could
 * rebind its own DNS name to this machine, pass the same-origin check as "itself" and have the
 * simulator mint tokens for any partner user it likes.
 */
final class HostCheck implements Filter {

    private final Set<String> allowedHosts;

    HostCheck(Set<String> allowedHosts) {
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (allowedHosts.contains(host)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(421);
        http.setContentType("text/plain; charset=utf-8");
        http.getWriter().write("This PRM simulator only answers requests addressed to "
                + String.join(", ", allowedHosts.stream().sorted().toList()) + ".\n");
    }
}
