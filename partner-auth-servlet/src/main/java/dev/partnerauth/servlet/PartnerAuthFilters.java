package dev.partnerauth.servlet;

import dev.partnerauth.PartnerAuth;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The servlet side of partner-auth, assembled: the Partner API filter, the administration filter
 * and the landing filter, sharing one {@link PartnerAuth}. Register all three with one call:
 *
 * <pre>{@code
 * PartnerAuthFilters.builder(partnerAuth)
 *         .adminAuthorizer(new BasicAdminAuthorizer("admin", password))
 *         .build()
 *         .register(servletContext);
 * }</pre>
 *
 * or, from {@code web.xml}, declare {@link PartnerApiFilter}, {@link PartnerAdminFilter} and
 * {@link PartnerLandingFilter} and put the built object in the context attribute {@link
 * #CONTEXT_ATTRIBUTE} from a {@code ServletContextListener}. Immutable and thread-safe.
 */
public final class PartnerAuthFilters {
    /** The context attribute under which filters declared in {@code web.xml} find their configuration. */
    public static final String CONTEXT_ATTRIBUTE = PartnerAuthFilters.class.getName();
    /** Where the Partner API lives. */
    public static final String API_PREFIX = "/api/v1/";
    /** Where the administration API lives. */
    public static final String ADMIN_PREFIX = "/api/v1/admin/partner-auth/";

    final PartnerAuth auth;
    final AdminAuthorizer adminAuthorizer;
    final SessionEstablisher sessions;
    final int maxBodyBytes;
    final boolean allowBrowserOriginOnAuthenticate;
    final List<String> landingPatterns;
    final boolean configureSessionCookie;
    final boolean embedded;
    final boolean sessionOnLaunchResponse;
    /** The cookie of the landing step's session: first-party Lax, or CHIPS inside the PRM's frame. */
    final SessionCookiePolicy landingCookie;
    final SecureRandom random = new SecureRandom();
    final LandingPageTemplate pageTemplate;

    private PartnerAuthFilters(Builder b) {
        this.pageTemplate = b.pageTemplate;
        this.auth = b.auth;
        this.adminAuthorizer = b.adminAuthorizer;
        this.sessions = b.sessions;
        this.maxBodyBytes = b.maxBodyBytes;
        this.allowBrowserOriginOnAuthenticate = b.allowBrowserOriginOnAuthenticate;
        this.landingPatterns = List.copyOf(b.landingPatterns);
        this.configureSessionCookie = b.configureSessionCookie;
        this.embedded = b.embedded;
        this.sessionOnLaunchResponse = b.sessionOnLaunchResponse;
        this.landingCookie = b.embedded ? SessionCookiePolicy.EMBEDDED : SessionCookiePolicy.FIRST_PARTY;
    }

    /** The cookie of the create/open response in the DealHub-compatible mode: cross-site, so None (partitioned when embedded). */
    SessionCookiePolicy launchResponseCookie() {
        return embedded ? SessionCookiePolicy.EMBEDDED : SessionCookiePolicy.CROSS_SITE;
    }

    public static Builder builder(PartnerAuth auth) {
        return new Builder(auth);
    }

    public PartnerAuth partnerAuth() {
        return auth;
    }

    /** The Partner API filter, configured, for hosts that register filters themselves (map it at {@code /api/v1/*}). */
    public PartnerApiFilter apiFilter() {
        return new PartnerApiFilter(this);
    }

    /** The administration API filter, configured (map it at {@code /api/v1/*}). */
    public PartnerAdminFilter adminFilter() {
        return new PartnerAdminFilter(this);
    }

    /** The landing filter, configured (map it at the host's pages, such as {@code /*}). */
    public PartnerLandingFilter landingFilter() {
        return new PartnerLandingFilter(this);
    }

    /**
     * Registers the three filters on the context (API and admin at {@code /api/v1/*}, landing on
     * the landing patterns) and, only when {@link Builder#configureSessionCookie} asks for it, sets
     * the context's session cookie to the landing cookie's attributes. Call it while the context is
     * starting, from a {@code ServletContainerInitializer} or {@code ServletContextListener}.
     */
    public void register(ServletContext context) {
        context.setAttribute(CONTEXT_ATTRIBUTE, this);
        if (configureSessionCookie) {
            (sessionOnLaunchResponse ? launchResponseCookie() : landingCookie).configure(context);
        }
        EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
        FilterRegistration.Dynamic landing = context.addFilter("partner-auth-landing", landingFilter());
        landing.setAsyncSupported(true);
        landing.addMappingForUrlPatterns(request, false, landingPatterns.toArray(String[]::new));
        FilterRegistration.Dynamic admin = context.addFilter("partner-auth-admin", adminFilter());
        admin.setAsyncSupported(true);
        admin.addMappingForUrlPatterns(request, false, "/api/v1/*");
        FilterRegistration.Dynamic api = context.addFilter("partner-auth-api", apiFilter());
        api.setAsyncSupported(true);
        api.addMappingForUrlPatterns(request, false, "/api/v1/*");
    }

    /** Assembles {@link PartnerAuthFilters} with safe defaults. Not thread-safe; build once. */
    public static final class Builder {
        private final PartnerAuth auth;
        private AdminAuthorizer adminAuthorizer = AdminAuthorizer.denyAll();
        private SessionEstablisher sessions = new HttpSessionEstablisher();
        private int maxBodyBytes = 16 * 1024;
        private boolean allowBrowserOriginOnAuthenticate;
        private List<String> landingPatterns = List.of("/*");
        private boolean configureSessionCookie;
        private boolean embedded;
        private boolean sessionOnLaunchResponse;
        private LandingPageTemplate pageTemplate = LandingPageTemplate.DEFAULT;

        private Builder(PartnerAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
        }

        /** Who may use the administration API. Default: nobody. */
        public Builder adminAuthorizer(AdminAuthorizer authorizer) {
            this.adminAuthorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** How a partner sign-in becomes a host session. Default: {@link HttpSessionEstablisher}. */
        public Builder sessionEstablisher(SessionEstablisher establisher) {
            this.sessions = Objects.requireNonNull(establisher, "establisher");
            return this;
        }

        /** The largest request body accepted: default 16 KiB, between 1 KiB and 1 MiB. */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024 || bytes > 1024 * 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 KiB and 1 MiB, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Accept {@code authenticate/user} calls that carry a browser {@code Origin} header. Off by
         * default: the key must never be in a browser, so such a call is refused with 403.
         */
        public Builder allowBrowserOriginOnAuthenticate(boolean allow) {
            this.allowBrowserOriginOnAuthenticate = allow;
            return this;
        }

        /**
         * The URL patterns of the host's pages on which launch codes are redeemed and the partner
         * principal is exposed. Default {@code /*}.
         */
        public Builder landingPatterns(List<String> patterns) {
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException("at least one landing pattern is needed");
            }
            this.landingPatterns = List.copyOf(patterns);
            return this;
        }

        /**
         * Whether {@link #register} also sets the context's own session cookie configuration, for
         * every session of the host: {@code Secure}, {@code HttpOnly} and {@code SameSite=Lax}
         * ({@code None}, and {@code Partitioned} when {@link #embedded}, in the modes that need a
         * cross-site cookie). Default no: the sign-in responses get these attributes anyway, written
         * by partner-auth, and the host's other session cookies stay as the host configured them.
         */
        public Builder configureSessionCookie(boolean configure) {
            this.configureSessionCookie = configure;
            return this;
        }

        /**
         * For a CPQ shown inside the PRM's iframe: the landing step's session cookie is
         * {@code SameSite=None; Secure; Partitioned} (CHIPS), which browsers that block third-party
         * cookies still keep for this site inside the PRM's page, and partner-auth's own pages may be
         * framed by the configured PRM origins. Default off: the cookie is first-party,
         * {@code SameSite=Lax}, and is not sent to the host inside another site's frame.
         */
        public Builder embedded(boolean embedded) {
            this.embedded = embedded;
            return this;
        }

        /**
         * DealHub compatibility, for PRMs that rely on it: the create/open response also establishes
         * the session, with a {@code SameSite=None; Secure} cookie on that cross-site response.
         * Default off: the create/open call creates no session and sets no cookie, and the landing
         * step makes the session first-party. Browsers that block third-party cookies never store
         * the cookie of this mode; the landing step still signs the user in there.
         */
        public Builder sessionOnLaunchResponse(boolean establish) {
            this.sessionOnLaunchResponse = establish;
            return this;
        }

        /**
         * The HTML around partner-auth's pages in the browser (the identity switch, the continue
         * page, refused links), so that they look like the host. Default: {@link LandingPageTemplate#DEFAULT}.
         */
        public Builder landingPageTemplate(LandingPageTemplate template) {
            this.pageTemplate = Objects.requireNonNull(template, "template");
            return this;
        }

        public PartnerAuthFilters build() {
            return new PartnerAuthFilters(this);
        }
    }
}
