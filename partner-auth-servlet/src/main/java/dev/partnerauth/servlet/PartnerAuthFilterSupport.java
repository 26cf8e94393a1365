package dev.partnerauth.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;

/**
 * What the three filters share: finding their configuration (given, or from the context attribute
 * when declared in {@code web.xml}), the path below the context, the client address, and turning
 * rejections and faults into responses.
 */
abstract class PartnerAuthFilterSupport implements Filter {
    /** Stands for a peer address that is not an IP literal: matches only an empty allowlist. */
    private static final InetAddress UNSPECIFIED = unspecified();
    private volatile PartnerAuthFilters filters;

    PartnerAuthFilterSupport(PartnerAuthFilters filters) {
        this.filters = filters;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (filters == null) {
            Object attribute = config.getServletContext().getAttribute(PartnerAuthFilters.CONTEXT_ATTRIBUTE);
            if (!(attribute instanceof PartnerAuthFilters f)) {
                throw new ServletException("partner-auth is not configured: put a PartnerAuthFilters in the context "
                        + "attribute " + PartnerAuthFilters.CONTEXT_ATTRIBUTE + " from a ServletContextListener");
            }
            filters = f;
        }
    }

    final PartnerAuthFilters filters() {
        return filters;
    }

    @Override
    public final void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        handle(request, response, chain);
    }

    abstract void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException;

    /** Runs an API call, answering its rejections, outages and faults as JSON. */
    final void respond(HttpServletRequest request, HttpServletResponse response, ApiCall call) throws IOException {
        try {
            call.run();
        } catch (RuntimeException e) {
            ErrorResponse error = ErrorResponse.of(e);
            discardUnreadBody(request);
            JsonResponses.error(response, error);
        }
    }

    /**
     * Reads what is left of a refused request's body, when its declared length is within the body
     * limit: refused before its body was read (a garbled path, a refused admin), the request would
     * otherwise leave bytes on the connection, which the container then closes just after the
     * answer, and a client that had already reused the connection for its next request gets no
     * answer at all. A longer body is left alone (the container closes that connection anyway).
     */
    private void discardUnreadBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length <= 0 || length > filters.maxBodyBytes) {
            return;
        }
        byte[] sink = new byte[(int) Math.min(length, 4096)];
        try {
            InputStream in = request.getInputStream();
            while (in.read(sink) >= 0) {
                // discarded
            }
        } catch (IOException | IllegalStateException e) {
            // already read and closed, or the client went away: nothing is left to protect
        }
    }

    @FunctionalInterface
    interface ApiCall {
        void run() throws IOException;
    }

    /** The request path below the context path, undecoded. */
    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** The name of the container's session cookie: the context's configured name, or the Servlet default. */
    static String sessionCookieName(HttpServletRequest request) {
        String name = request.getServletContext().getSessionCookieConfig().getName();
        return name == null || name.isEmpty() ? "JSESSIONID" : name;
    }

    final InetAddress clientAddress(HttpServletRequest request) {
        // only the header the trusted proxies write: the other one comes from the caller unchecked
        String header = filters.auth.forwardedHeader().headerName();
        return filters.auth.clientAddress(request.getRemoteAddr(), headers(request, header)).orElse(UNSPECIFIED);
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        return Collections.list(request.getHeaders(name));
    }
}
