package dev.partnerauth.servlet;

import dev.partnerauth.PartnerAuthRejection;
import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.UnauthenticatedException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * On the host's pages: redeems a {@code launch} code into a first-party session and redirects to
 * the same URL without it; on every other request, exposes the session's partner through
 * {@code request.getUserPrincipal()} (role {@value #ROLE}) and {@link PartnerSessions}.
 *
 * <p>The redirect is relative (built from the request path, never from the {@code Host} header),
 * carries {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}, and so the
 * code leaks into no referrer, history entry or cache.
 */
public final class PartnerLandingFilter extends PartnerAuthFilterSupport {
    /** The role a partner principal has in {@code isUserInRole}. */
    public static final String ROLE = "partner";
    static final String PRINCIPAL_ATTRIBUTE = PartnerPrincipal.class.getName();
    private static final String PARAMETER = "launch";

    /** For {@code web.xml}: the configuration comes from the context attribute at init. */
    public PartnerLandingFilter() {
        super(null);
    }

    PartnerLandingFilter(PartnerAuthFilters filters) {
        super(filters);
    }

    @Override
    void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        // GET only: a HEAD from a link previewer must not spend the code
        if ("GET".equals(method) && !path(request).startsWith(PartnerAuthFilters.API_PREFIX)) {
            LaunchQuery query = LaunchQuery.parse(request.getQueryString());
            if (query.codes().size() > 0) {
                land(request, response, query);
                return;
            }
        }
        Optional<PartnerPrincipal> principal = filters().sessions.current(request);
        if (principal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal.get());
        chain.doFilter(new PartnerRequest(request, principal.get()), response);
    }

    private void land(HttpServletRequest request, HttpServletResponse response, LaunchQuery query) throws IOException {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        try {
            if (query.codes().size() != 1) {
                throw new UnauthenticatedException(UnauthenticatedException.Reason.MALFORMED);
            }
            PartnerPrincipal principal = filters().auth.redeemLaunchCode(query.codes().get(0), clientAddress(request));
            filters().sessions.establish(request, response, principal);
            redirectWithoutCode(request, response, query);
        } catch (TooManyRequestsException e) {
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            page(response, 429, "Too many attempts", "Too many sign-in attempts came from your network. Wait a minute, "
                    + "then open the quote again from your partner portal.");
        } catch (PartnerAuthRejection e) {
            if (filters().sessions.current(request).isPresent()) {
                // already signed in (a reload, or the cross-site cookie was kept): just drop the code
                redirectWithoutCode(request, response, query);
            } else {
                page(response, 403, "Sign-in link not valid", "This sign-in link has expired or has already been used. "
                        + "Go back to your partner portal and open the quote again.");
            }
        } catch (StoreUnavailableException e) {
            response.setHeader("Retry-After", Integer.toString(JsonResponses.OUTAGE_RETRY_SECONDS));
            page(response, 503, "Temporarily unavailable", "Sign-in is temporarily unavailable. Try again shortly.");
        } catch (RuntimeException e) {
            // the container's own error page would show the exception message, and Jetty's the URL with the code
            String id = JsonResponses.logFault(e);
            if (!response.isCommitted()) {
                response.reset();
                response.setHeader("Referrer-Policy", "no-referrer");
                response.setHeader("Cache-Control", "no-store");
                page(response, 500, "Sign-in failed", "Something went wrong on our side. Correlation id: " + id);
            }
        }
    }

    private static void redirectWithoutCode(HttpServletRequest request, HttpServletResponse response, LaunchQuery query) {
        // a path such as //evil.example would be a protocol-relative redirect to another site
        String path = request.getRequestURI().replaceFirst("^/+", "/");
        response.setStatus(303);
        response.setHeader("Location", query.rest().isEmpty() ? path : path + "?" + query.rest());
    }

    private static void page(HttpServletResponse response, int status, String title, String text) throws IOException {
        byte[] html = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }

    /** The raw query split into launch codes and the rest, kept in order and undecoded. */
    record LaunchQuery(List<String> codes, String rest) {
        static LaunchQuery parse(String query) {
            if (query == null || query.isEmpty()) {
                return new LaunchQuery(List.of(), "");
            }
            List<String> codes = new ArrayList<>(1);
            List<String> rest = new ArrayList<>();
            for (String pair : query.split("&")) {
                if (pair.equals(PARAMETER) || pair.startsWith(PARAMETER + "=")) {
                    codes.add(pair.substring(Math.min(pair.length(), PARAMETER.length() + 1)));
                } else if (!pair.isEmpty()) {
                    rest.add(pair);
                }
            }
            return new LaunchQuery(codes, String.join("&", rest));
        }
    }

    /** The request as the host's code sees it: the partner is its user principal. */
    private static final class PartnerRequest extends HttpServletRequestWrapper {
        private final PartnerPrincipal principal;

        PartnerRequest(HttpServletRequest request, PartnerPrincipal principal) {
            super(request);
            this.principal = principal;
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
            return ROLE.equals(role); // never the container's roles: a partner is not a container user
        }

        @Override
        public String getAuthType() {
            return "PARTNER";
        }
    }
}
