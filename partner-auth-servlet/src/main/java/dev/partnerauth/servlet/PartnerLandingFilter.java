package dev.partnerauth.servlet;

import dev.partnerauth.PartnerAuthRejection;
import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.UnauthenticatedException;
import dev.partnerauth.servlet.internal.PartnerRequest;
import dev.partnerauth.servlet.internal.SignInHook;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
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
 * <p>A code is spent only by a navigation (fetch metadata must say {@code navigate} to a {@code
 * document}, or to an {@code iframe} in the embedded mode; prefetches and {@code HEAD} never). A
 * request without fetch metadata (a link previewer) gets a page that continues with a POST of the
 * code instead. A browser that already holds another partner identity is asked before it switches
 * (a POST of that page carrying the session's nonce); a host's own login is never mixed with a
 * partner, and a sign-in never inherits another identity's session. Every request with a partner
 * session asks {@link dev.partnerauth.PartnerAuth#checkSession} whether its grounds still hold, and
 * goes on anonymous, with the partner removed from the session, when they do not; one whose client
 * address cannot be told is refused.
 */
public final class PartnerLandingFilter extends PartnerAuthFilterSupport {
    /** The role a partner principal has in {@code isUserInRole}. */
    public static final String ROLE = "partner";
    static final String PRINCIPAL_ATTRIBUTE = PartnerPrincipal.class.getName();
    /** Holds the continue page's nonce until its POST, for the lifetime of a launch code. */
    static final String CONTINUE_COOKIE = "partner_auth_continue";

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
        } catch (PartnerAuthRejection e) {
            // the client address cannot be told (a trusted proxy forwarded a garbled hop): the same
            // refusal as the Partner API's, on every request that carries a partner session
            if (page) {
                pages().refused(response, ErrorResponse.of(e));
            } else {
                JsonResponses.error(response, ErrorResponse.of(e));
            }
            return;
        }
        String method = request.getMethod();
        if (page) {
            LandingRequests.LaunchQuery query = LandingRequests.LaunchQuery.parse(request.getQueryString());
            // GET only: a HEAD from a link previewer must not spend the code
            if ("GET".equals(method) && query.codes().size() > 0) {
                land(request, response, query, principal, false);
                return;
            }
            if ("POST".equals(method) && query.continued() && query.codes().size() > 0) {
                continueLanding(request, response, query, principal);
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

    /**
     * Spends the code and signs in, or asks before switching identities. {@code continued}: the
     * POST of the continue page, whose checks {@link #continueLanding} made; otherwise a GET, which
     * spends the code only when the browser says it navigates the page, and sent fetch metadata.
     */
    private void land(HttpServletRequest request, HttpServletResponse response, LandingRequests.LaunchQuery query,
                      Optional<PartnerPrincipal> current, boolean continued) throws IOException {
        LandingPages.noStore(response);
        LandingPages pages = pages();
        try {
            if (!continued && !LandingRequests.isNavigation(request, filters().embedded)) {
                // a prefetch, a preview, a script's fetch or (outside the embedded mode) a frame: the
                // code stays for the browser's own navigation
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
            if (!continued && !LandingRequests.hasFetchMetadata(request)) {
                offerContinuePage(request, response, query);
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

    /**
     * No fetch metadata: a link previewer, a mail scanner, or a browser too old to send it. The code
     * is not spent; the page continues with a POST of it (its script presses the button; a
     * previewer runs neither). The nonce goes into a short cookie of this response and into the
     * form, and the POST must carry both: a page of another site cannot read the form's copy, so
     * it cannot forge the POST, even when its browser sends {@code Origin: null}.
     */
    private void offerContinuePage(HttpServletRequest request, HttpServletResponse response,
                                   LandingRequests.LaunchQuery query) throws IOException {
        String nonce = nonce();
        response.addHeader("Set-Cookie", continueCookie(request, nonce, filters().auth.tokenLifetime().toSeconds()));
        String action = request.getRequestURI().replaceFirst("^/+", "/") + "?" + request.getQueryString() + "&"
                + LandingRequests.CONTINUE_PARAMETER;
        pages().continuePage(response, action, nonce);
    }

    /** The continue page's POST: only from that page (fetch metadata or Origin, and its nonce in both cookie and form). */
    private void continueLanding(HttpServletRequest request, HttpServletResponse response,
                                 LandingRequests.LaunchQuery query, Optional<PartnerPrincipal> current) throws IOException {
        LandingPages.noStore(response);
        String cookie = null;
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (c.getName().equals(CONTINUE_COOKIE)) {
                    cookie = c.getValue();
                }
            }
        }
        if (cookie == null || !LandingRequests.fromOwnPage(request)
                || !IdentitySwitch.sameNonce(cookie, request.getParameter("nonce"))) {
            pages().page(response, 403, "Sign-in not confirmed", "This request did not come from the sign-in page. "
                    + "Open the quote again from your partner portal.");
            return;
        }
        response.addHeader("Set-Cookie", continueCookie(request, "", 0));
        land(request, response, query, current, true);
    }

    private String continueCookie(HttpServletRequest request, String value, long maxAgeSeconds) {
        SessionCookiePolicy policy = filters().landingCookie;
        return CONTINUE_COOKIE + "=" + value + "; Path=" + request.getContextPath() + "/; Max-Age=" + maxAgeSeconds
                + "; Secure; HttpOnly; SameSite=" + policy.sameSite() + (policy.partitioned() ? "; Partitioned" : "");
    }

    private String nonce() {
        byte[] bytes = new byte[24];
        filters().random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response, PartnerPrincipal principal,
                        String location) {
        filters().sessions.establish(request, response, principal);
        // what the host's framework does at its own logins (Spring Security: a new CSRF token)
        SignInHook.run(request, response);
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
        String nonce = nonce();
        request.getSession(true).setAttribute(IdentitySwitch.ATTRIBUTE, new IdentitySwitch(arriving, location, nonce));
        String action = request.getRequestURI().replaceFirst("^/+", "/") + "?" + LandingRequests.SWITCH_PARAMETER;
        pages().askBeforeSwitching(response, current, arriving, action, nonce, location);
    }

    /**
     * The explicit step of an identity switch: only a POST of the switch page, carrying this
     * session's nonce (the guard: it was on that page only) and, where the browser sends them,
     * same-origin fetch metadata and an {@code Origin} of this host or {@code null} (the page is
     * served with {@code Referrer-Policy: no-referrer}, under which browsers send {@code null}).
     */
    private void confirmSwitch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LandingPages.noStore(response);
        LandingPages pages = pages();
        try {
            HttpSession session = request.getSession(false);
            IdentitySwitch pending = session == null ? null
                    : session.getAttribute(IdentitySwitch.ATTRIBUTE) instanceof IdentitySwitch p ? p : null;
            if (pending == null || !LandingRequests.fromOwnPage(request) || !pending.confirmedBy(request.getParameter("nonce"))) {
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
