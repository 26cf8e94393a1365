package dev.partnerauth.servlet.spring;

import dev.partnerauth.servlet.AdminAuthorizer;
import dev.partnerauth.servlet.PartnerAuthFilters;
import dev.partnerauth.servlet.PartnerLandingFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.LogoutConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.filter.CorsFilter;

/**
 * partner-auth inside Spring Security (6.5 and 7). One customizer puts the partner-auth filters into
 * the host's {@code SecurityFilterChain}, and {@link #adminAuthority} lets Spring's own login guard
 * the administration API:
 *
 * <pre>{@code
 * SecurityFilterChain security(HttpSecurity http, PartnerAuthFilters partnerAuth) throws Exception {
 *     PartnerAuthSecurity.customizer(partnerAuth).customize(http);
 *     http.authorizeHttpRequests(...)...;   // the host's own rules, login and so on
 *     return http.build();
 * }
 * }</pre>
 *
 * <p>Where each filter goes, and why:
 * <ul>
 * <li>the Partner API before Spring's {@code CorsFilter}: its calls are authenticated by key or
 *     bearer token, cross-site by design, and answered there, so neither the host's CORS rules, nor
 *     its CSRF token, nor a bearer-token resource server of the host ever sees them;
 * <li>just after the context is loaded, a partner token that a repository persisted is dropped
 *     (partner-auth makes it afresh on each request, after the session check);
 * <li>the landing after every login filter (form, HTTP Basic, bearer, remember-me) and before
 *     {@code AnonymousAuthenticationFilter}, behind a guard that refuses a launch into a browser
 *     that this request shows signed in to the host, whatever the login mechanism (409, the code
 *     unspent); the landing's own POSTs (the identity-switch confirmation and the continue page of
 *     a browser without fetch metadata) are answered before {@code CsrfFilter}, being checked by
 *     their own nonce and same-origin test; a partner sign-in renews Spring's CSRF token, as
 *     Spring's own logins do;
 * <li>the partner's {@code Authentication} (principal {@link dev.partnerauth.PartnerPrincipal},
 *     authority {@code ROLE_partner}) right after the landing, so that the host's
 *     {@code authorizeHttpRequests} rules (e.g. {@code hasRole("partner")}) apply to it;
 * <li>the administration API just before {@code AuthorizationFilter}, after every login filter,
 *     so that {@link #adminAuthority} sees the host's login; it is exempt from the CSRF token
 *     (scripts and tools call it with Basic credentials), because the admin filter itself refuses
 *     every write that a browser sends from another site, whatever its content type or method
 *     override.
 * </ul>
 * The filters answer their own paths, so no {@code permitAll} rule is needed and none of the host's
 * rules is changed; pages behind the landing stay under the host's rules. Do not also register the
 * filters with the servlet container ({@code FilterRegistrationBean}, {@code register}).
 */
public final class PartnerAuthSecurity {
    private PartnerAuthSecurity() {
    }

    /**
     * The customizer that puts partner-auth into an {@link HttpSecurity}; apply it to each
     * {@code SecurityFilterChain} that serves {@code /api/v1/} or the host's pages.
     */
    public static Customizer<HttpSecurity> customizer(PartnerAuthFilters filters) {
        Objects.requireNonNull(filters, "filters");
        return http -> {
            @SuppressWarnings("unchecked")
            LogoutConfigurer<HttpSecurity> logout = http.getConfigurer(LogoutConfigurer.class);
            // ahead of the API filter (filters added before one class keep their order)
            http.addFilterBefore(new RequestDispatchOnly(new SpringSignIn(logout)), CorsFilter.class);
            PartnerLandingFilter landing = filters.landingFilter();
            http.addFilterBefore(new RequestDispatchOnly(filters.apiFilter()), CorsFilter.class);
            // after the context is loaded (SecurityContextHolderFilter, or the legacy persistence filter)
            http.addFilterBefore(new PersistedPartnerContextFilter(), HeaderWriterFilter.class);
            // the landing's own POSTs (switch confirmation, continue page), checked by its nonce and same-origin test
            // and answered whole, before CsrfFilter; never a CSRF exemption, which the host's own
            // POST /login or /logout (before the landing) would then enjoy under a ?launch-switch query
            http.addFilterBefore(new RequestDispatchOnly(new LandingPosts(landing)), CsrfFilter.class);
            // after every login filter (form, Basic, bearer, remember-me), so that the guard and the
            // landing see a host login whatever its mechanism; the three keep this order (same position)
            http.addFilterBefore(new RequestDispatchOnly(new HostLoginLaunchGuard()), AnonymousAuthenticationFilter.class);
            http.addFilterBefore(new RequestDispatchOnly(landing), AnonymousAuthenticationFilter.class);
            http.addFilterBefore(new PartnerSecurityContextFilter(), AnonymousAuthenticationFilter.class);
            http.addFilterBefore(new RequestDispatchOnly(filters.adminFilter()), AuthorizationFilter.class);
            @SuppressWarnings("unchecked")
            CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
            if (csrf != null) { // null: the host turned CSRF protection off
                csrf.ignoringRequestMatchers(PartnerAuthSecurity::isAdminApi);
            }
        };
    }

    private static boolean isAdminApi(HttpServletRequest request) {
        // the same path test as the admin filter's own, so that the exemption covers exactly what it answers
        return path(request).startsWith(PartnerAuthFilters.ADMIN_PREFIX);
    }

    /**
     * The landing's own POSTs: the identity-switch confirmation and the continue page's POST of a
     * launch code (a browser that sent no fetch metadata). Both carry the landing's nonce and are
     * checked by its same-origin test, not by Spring's CSRF token.
     */
    static boolean isLandingPost(HttpServletRequest request) {
        String query = request.getQueryString();
        if (!"POST".equals(request.getMethod()) || query == null || path(request).startsWith(PartnerAuthFilters.API_PREFIX)) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.equals("launch-switch") || pair.equals("launch-continue")) {
                return true;
            }
        }
        return false;
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /**
     * Admits to the administration API a Spring Security login that holds the authority (such as
     * {@code "ROLE_CPQ_ADMIN"} for {@code hasRole("CPQ_ADMIN")}): 401 with the challenge when no one
     * is signed in (anonymous included), 403 for a signed-in user without it, partner users included.
     * The audit log names the admin by {@code Authentication.getName()}. Works with {@link #customizer},
     * which runs the administration filter after Spring's login filters.
     *
     * @param challenge the {@code WWW-Authenticate} value of the host's login scheme, such as
     *                  {@code Basic realm="CPQ"}
     */
    public static AdminAuthorizer adminAuthority(String authority, String challenge) {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(challenge, "challenge");
        if (authority.isBlank()) {
            throw new IllegalArgumentException("authority must not be blank");
        }
        return request -> {
            Authentication login = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
            if (login instanceof PartnerAuthentication) {
                return new AdminAuthorizer.Denied();
            }
            if (!PartnerSecurityContextFilter.isHostLogin(login)) {
                return new AdminAuthorizer.Unauthenticated(challenge);
            }
            for (GrantedAuthority granted : login.getAuthorities()) {
                if (authority.equals(granted.getAuthority())) {
                    return new AdminAuthorizer.Allowed(login.getName());
                }
            }
            return new AdminAuthorizer.Denied();
        };
    }
}
