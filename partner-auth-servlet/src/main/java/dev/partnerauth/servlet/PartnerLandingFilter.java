package dev.partnerauth.servlet;

import dev.partnerauth.PartnerAuthRejection;
import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.UnauthenticatedException;
import dev.partnerauth.servlet.internal.PartnerRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;

/**
 * On the host's pages: redeems a {@code launch} code into a first-party session and redirects to
 * the same URL without it; on every other request, exposes the session's partner through
 * {@code request.getUserPrincipal()} (role {@value #ROLE}) and {@link PartnerSessions}.
 *
 * <p>The redirect is relative (built from the request path, never from the {@code Host} header),
 * carries {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}, and so the
 * code leaks into no referrer, history entry or cache.
 *
 * <p>A code is spent only by a navigation (fetch metadata, when sent, must say {@code navigate}
 * to a {@code document} or {@code iframe}; prefetches never). A browser that already holds another
 * partner identity is asked before it switches (a same-origin POST carrying the session's nonce);
 * a host's own login is never mixed with a partner. Every request with a partner session asks
 * {@link dev.partnerauth.PartnerAuth#checkSession} whether its grounds still hold, and goes on
 * anonymous, with the partner removed from the session, when they do not.
 */
public final class PartnerLandingFilter extends PartnerAuthFilterSupport {
    /** The role a partner principal has in {@code isUserInRole}. */
    public static final String ROLE = "partner";
    static final String PRINCIPAL_ATTRIBUTE = PartnerPrincipal.class.getName();

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
        boolean page = !path(request).startsWith(PartnerAuthFilters.API_PREFIX);
        Optional<PartnerPrincipal> principal;
        try {
            principal = standing(request);
        } catch (StoreUnavailableException e) {
            if (!page) {
                // the API does not use the partner session: it goes on without it, and answers for itself
                chain.doFilter(request, response);
                return;
            }
            // neither ended (a database blip must not sign everyone out) nor trusted
            pages().error(response, ErrorResponse.of(e));
            return;
        }
        String method = request.getMethod();
        if (page) {
            LandingRequests.LaunchQuery query = LandingRequests.LaunchQuery.parse(request.getQueryString());
            // GET only: a HEAD from a link previewer must not spend the code
            if ("GET".equals(method) && query.codes().size() > 0) {
                land(request, response, query, principal);
                return;
            }
            if ("POST".equals(method) && query.identitySwitch()) {
                confirmSwitch(request, response);
                return;
            }
        }
        if (principal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal.get());
        chain.doFilter(PartnerRequest.withPartnerRole(request, principal.get()), response);
    }

    /** The session's partner while its grounds hold; ends the partner identity in the session when they do not. */
    private Optional<PartnerPrincipal> standing(HttpServletRequest request) {
        Optional<PartnerPrincipal> principal = filters().sessions.current(request);
        if (principal.isEmpty()) {
            return principal;
        }
        if (filters().auth.checkSession(principal.get(), clientAddress(request)).isPresent()) {
            filters().sessions.end(request);
            return Optional.empty();
        }
        return principal;
    }

    private void land(HttpServletRequest request, HttpServletResponse response, LandingRequests.LaunchQuery query,
                      Optional<PartnerPrincipal> current) throws IOException {
        LandingPages.noStore(response);
        LandingPages pages = pages();
        try {
            if (!LandingRequests.isNavigation(request)) {
                // a prefetch, a preview or a script's fetch: the code stays for the browser's own navigation
                pages.page(response, 400, "Open the link as a page", "This sign-in link only works when your browser "
                        + "opens it as a page. Open the quote again from your partner portal.");
                return;
            }
            if (query.codes().size() != 1) {
                throw new UnauthenticatedException(UnauthenticatedException.Reason.MALFORMED);
            }
            Principal hostLogin = request.getUserPrincipal();
            if (hostLogin != null) {
                // before the code is spent: once the host's user signs out, the same link still works
                pages.page(response, 409, "Signed in to this application", "You are signed in here as "
                        + LandingPages.html(hostLogin.getName()) + ". A partner sign-in is never mixed with another login: "
                        + "sign out first, then open the quote again from your partner portal.");
                return;
            }
            PartnerPrincipal arriving = filters().auth.redeemLaunchCode(query.codes().get(0), clientAddress(request));
            String location = locationWithoutCode(request, query);
            if (current.isEmpty() || IdentitySwitch.sameIdentity(current.get(), arriving)) {
                signIn(request, response, arriving, location);
            } else {
                askBeforeSwitching(request, response, current.get(), arriving, location);
            }
        } catch (PartnerAuthRejection e) {
            if (current.isPresent() && !(e instanceof TooManyRequestsException)) {
                // already signed in (a reload, or the cross-site cookie was kept): just drop the code
                redirect(response, locationWithoutCode(request, query));
            } else {
                pages.error(response, ErrorResponse.of(e));
            }
        } catch (RuntimeException e) {
            // the container's own error page would show the exception message, and Jetty's the URL with the code
            pages.error(response, ErrorResponse.of(e));
        }
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response, PartnerPrincipal principal,
                        String location) {
        filters().sessions.establish(request, response, principal);
        filters().landingCookie.apply(response, sessionCookieName(request));
        redirect(response, location);
    }

    /**
     * The browser already holds another partner identity: a launch URL passed from one partner user
     * to another must not sign the victim in as the sender unnoticed. The code is spent; the arriving
     * identity waits in the session until the user confirms with a same-origin POST.
     */
    private void askBeforeSwitching(HttpServletRequest request, HttpServletResponse response, PartnerPrincipal current,
                                    PartnerPrincipal arriving, String location) throws IOException {
        byte[] bytes = new byte[24];
        filters().random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        request.getSession(true).setAttribute(IdentitySwitch.ATTRIBUTE, new IdentitySwitch(arriving, location, nonce));
        String action = request.getRequestURI().replaceFirst("^/+", "/") + "?" + LandingRequests.SWITCH_PARAMETER;
        pages().askBeforeSwitching(response, current, arriving, action, nonce, location);
    }

    /** The explicit step of an identity switch: only a same-origin POST carrying this session's nonce. */
    private void confirmSwitch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LandingPages.noStore(response);
        LandingPages pages = pages();
        try {
            HttpSession session = request.getSession(false);
            IdentitySwitch pending = session == null ? null
                    : session.getAttribute(IdentitySwitch.ATTRIBUTE) instanceof IdentitySwitch p ? p : null;
            if (pending == null || !LandingRequests.sameOrigin(request) || !pending.confirmedBy(request.getParameter("nonce"))) {
                pages.page(response, 403, "Switch not confirmed", "This request did not come from the confirmation page. "
                        + "Open the quote again from your partner portal.");
                return;
            }
            session.removeAttribute(IdentitySwitch.ATTRIBUTE);
            if (request.getUserPrincipal() != null
                    || filters().auth.checkSession(pending.arriving(), clientAddress(request)).isPresent()) {
                pages.page(response, 403, "Sign-in link not valid", "This sign-in is no longer valid. "
                        + "Go back to your partner portal and open the quote again.");
                return;
            }
            // what the session held belonged to the previous partner user: nothing of it passes to the next
            filters().sessions.end(request);
            HttpSession old = request.getSession(false);
            if (old != null) {
                old.invalidate();
            }
            signIn(request, response, pending.arriving(), pending.location());
        } catch (RuntimeException e) {
            pages.error(response, ErrorResponse.of(e));
        }
    }

    private static String locationWithoutCode(HttpServletRequest request, LandingRequests.LaunchQuery query) {
        // a path such as //evil.example would be a protocol-relative redirect to another site
        String path = request.getRequestURI().replaceFirst("^/+", "/");
        return query.rest().isEmpty() ? path : path + "?" + query.rest();
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(303);
        response.setHeader("Location", location);
    }

    private LandingPages pages() {
        return new LandingPages(filters());
    }
}
