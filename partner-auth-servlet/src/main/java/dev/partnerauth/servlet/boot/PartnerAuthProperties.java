package dev.partnerauth.servlet.boot;

import dev.partnerauth.allowlist.ForwardedHeader;
import dev.partnerauth.jdbc.SchemaSetup;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code partner-auth.*} properties of a Spring Boot host: what {@code PartnerAuth.builder()}
 * and {@code PartnerAuthFilters.builder()} take that a host sets. Bound once at start-up; the values
 * are checked where they are used (the builders), and a wrong one fails start-up with Boot's failure
 * analysis naming the property. {@link #toString} never shows the pepper or the admin password.
 *
 * @param enabled                          whether the auto-configuration runs at all
 * @param pepper                           the key pepper, base64 of 32 or more random bytes
 * @param publicBaseUrl                    the host's public URL
 * @param tokenTtl                         lifetime of access tokens and launch codes
 * @param trustedProxies                   proxies whose forwarding header is believed
 * @param forwardedHeader                  the one header those proxies write
 * @param embedded                         the CPQ is shown inside the PRM's iframe
 * @param sessionOnLaunchResponse          DealHub compatibility: create/open also sets the session
 * @param landingPatterns                  URL patterns of the pages where launch codes are redeemed
 * @param maxBodySize                      largest request body accepted
 * @param allowBrowserOriginOnAuthenticate accept {@code authenticate/user} calls with an {@code Origin}
 * @param sessionCheckInterval             how long a session check may answer from what it read
 * @param cacheStoreReads                  keep store reads in memory this long, {@code 0} for off (unset:
 *                                         1 s with the database, off without)
 * @param maxOutstandingGrants             bound of the in-memory token store (unset: its default)
 * @param maxOutstandingTokensPerPartner   access tokens one partner may have outstanding on a node (unset: its default)
 * @param slf4jAudit                       audit events also to the SLF4J logger
 * @param admin                            who may use the admin API
 * @param throttle                         the refusal throttles
 * @param database                         the stores on the host's DataSource
 */
@ConfigurationProperties("partner-auth")
public record PartnerAuthProperties(
        @DefaultValue("true") boolean enabled,
        String pepper,
        URI publicBaseUrl,
        @DefaultValue("60s") Duration tokenTtl,
        List<String> trustedProxies,
        @DefaultValue("X_FORWARDED_FOR") ForwardedHeader forwardedHeader,
        boolean embedded,
        boolean sessionOnLaunchResponse,
        @DefaultValue("/*") List<String> landingPatterns,
        @DefaultValue("16KB") DataSize maxBodySize,
        boolean allowBrowserOriginOnAuthenticate,
        @DefaultValue("5s") Duration sessionCheckInterval,
        Duration cacheStoreReads,
        Long maxOutstandingGrants,
        Integer maxOutstandingTokensPerPartner,
        @DefaultValue("true") boolean slf4jAudit,
        @DefaultValue Admin admin,
        @DefaultValue Throttle throttle,
        @DefaultValue Database database) {

    public PartnerAuthProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        landingPatterns = landingPatterns == null ? List.of("/*") : List.copyOf(landingPatterns);
        admin = admin == null ? new Admin(null, Admin.DEFAULT_CHALLENGE, "admin", null) : admin;
        throttle = throttle == null ? new Throttle(10, 60, Duration.ofMinutes(1), 100_000) : throttle;
        database = database == null ? new Database(true, SchemaSetup.APPLY) : database;
    }

    @Override
    public String toString() {
        return "PartnerAuthProperties[publicBaseUrl=" + publicBaseUrl + ", pepper=" + (pepper == null ? "unset" : "(set)")
                + ", tokenTtl=" + tokenTtl + ", trustedProxies=" + trustedProxies + ", forwardedHeader=" + forwardedHeader
                + ", embedded=" + embedded + ", sessionOnLaunchResponse=" + sessionOnLaunchResponse + ", admin=" + admin
                + ", throttle=" + throttle + ", database=" + database + "]";
    }

    /**
     * @param authority with Spring Security: the authority that admits a login to the admin API
     * @param challenge with Spring Security: the {@code WWW-Authenticate} value of the host's login
     * @param username  without Spring Security: the Basic user name of the one administrator
     * @param password  without Spring Security: that administrator's password
     */
    public record Admin(String authority, @DefaultValue(Admin.DEFAULT_CHALLENGE) String challenge,
                        @DefaultValue("admin") String username, String password) {
        /** Spring Security's HTTP Basic realm when the host names none. */
        static final String DEFAULT_CHALLENGE = "Basic realm=\"Realm\"";

        @Override
        public String toString() {
            return "Admin[authority=" + authority + ", challenge=" + challenge + ", username=" + username
                    + ", password=" + (password == null ? "unset" : "(set)") + "]";
        }
    }

    /**
     * @param keyFailureLimit    refused keys per client address per window
     * @param tokenFailureLimit  refused tokens and launch codes per client address per window
     * @param window             the throttle window
     * @param maxTrackedClients  client addresses each throttle remembers at most
     */
    public record Throttle(@DefaultValue("10") int keyFailureLimit, @DefaultValue("60") int tokenFailureLimit,
                           @DefaultValue("1m") Duration window, @DefaultValue("100000") long maxTrackedClients) {
    }

    /**
     * @param enabled whether the host's {@code DataSource} bean holds the stores
     * @param schema  {@code apply} (create what is missing) or {@code verify} (the host's migrations own it)
     */
    public record Database(@DefaultValue("true") boolean enabled, @DefaultValue("APPLY") SchemaSetup schema) {
    }
}
