/**
 * The Partner API over Jakarta Servlet: what a host mounts at {@code /api/v1}.
 *
 * <p>{@link dev.partnerauth.servlet.PartnerAuthFilters} assembles and registers three filters:
 * the Partner API endpoints ({@code authenticate/user}, {@code create/quote}, {@code open/quote},
 * {@code open/opportunity}, with CORS for the configured PRM origins), the administration API under
 * {@code /api/v1/admin/partner-auth/}, and the landing filter that turns launch codes into a
 * first-party session and exposes the {@link dev.partnerauth.PartnerPrincipal} through
 * {@code request.getUserPrincipal()} and {@link dev.partnerauth.servlet.PartnerSessions}. The
 * session is made at the landing step, first-party ({@code SameSite=Lax}) unless the embedded or
 * DealHub-compatible mode is chosen, and ends when its key, its user or the authenticator no
 * longer allows it.
 *
 * <p>Filters only match a path and method, turn the request into a core request, call {@link
 * dev.partnerauth.PartnerAuth} and hand the result to the one class that writes JSON responses.
 * All public types are thread-safe once built; no method accepts or returns {@code null} unless
 * its documentation says so. The JSON reader and writer here are stateless.
 */
package dev.partnerauth.servlet;
