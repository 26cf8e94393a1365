package dev.partnerauth.servlet.boot;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.PartnerAuth;
import dev.partnerauth.audit.AuditListener;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.servlet.AdminAuthorizer;
import dev.partnerauth.servlet.BasicAdminAuthorizer;
import dev.partnerauth.servlet.PartnerAdminFilter;
import dev.partnerauth.servlet.PartnerApiFilter;
import dev.partnerauth.servlet.PartnerAuthFilters;
import dev.partnerauth.servlet.PartnerLandingFilter;
import dev.partnerauth.servlet.SessionEstablisher;
import dev.partnerauth.servlet.spring.PartnerAuthSecurity;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * partner-auth in a Spring Boot servlet host, from {@code partner-auth.*} properties and the host's
 * own beans: its {@code DataSource} (every store, for one node or several), {@link LaunchAuthorizer},
 * {@link AdminAuthorizer}, {@link SessionEstablisher}, {@link Clock} (with a Caffeine {@link Ticker}
 * beside it in tests) and {@link AuditListener}s. Each part backs off when the host defines it: its
 * own {@link PartnerAuth} bean replaces the one built here, and its own {@link PartnerAuthFilters}
 * bean means the host places the filters itself, so nothing is registered or added to a chain.
 *
 * <p>Where the filters go: with Spring Security (its config module on the classpath) into every
 * {@code SecurityFilterChain} the host builds, Boot's default one included, through {@link
 * PartnerAuthHttpConfigurer}; without it, into the servlet container by {@link
 * FilterRegistrationBean}s, after Spring Session's filter (whose {@code HttpSession} the partner
 * session then lives in). Only APIs present in both Boot 3.5 and Boot 4.0 are used here; the
 * auto-configurations of other modules are named, not imported, since Boot 4 moved them.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(PartnerAuthFilters.class)
@ConditionalOnProperty(prefix = "partner-auth", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(PartnerAuthProperties.class)
class PartnerAuthAutoConfiguration {
    /** The order of the first container filter: after Spring Session's and Boot's request filters. */
    static final int FILTER_ORDER = -50;
    private static final String HTTP_SECURITY = "org.springframework.security.config.annotation.web.builders.HttpSecurity";
    private static final String PEPPER_ACTION = "Set partner-auth.pepper (for instance from the environment variable "
            + "PARTNER_AUTH_PEPPER: partner-auth.pepper=${PARTNER_AUTH_PEPPER}) to 32 or more random bytes in base64, "
            + "made with: openssl rand -base64 32. Every node needs the same one; keep it outside the database.";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(PartnerAuth.class)
    static class Core {
        @Bean
        PartnerAuth partnerAuth(PartnerAuthProperties properties, ObjectProvider<DataSource> dataSource,
                                ObjectProvider<LaunchAuthorizer> launchAuthorizer, ObjectProvider<Clock> clock,
                                ObjectProvider<Ticker> ticker, ObjectProvider<AuditListener> auditListeners) {
            return build(properties, properties.database().enabled() ? dataSource.getIfUnique() : null,
                    launchAuthorizer.getIfUnique(), clock.getIfUnique(), ticker.getIfUnique(),
                    auditListeners.orderedStream().toList());
        }
    }

    static PartnerAuth build(PartnerAuthProperties p, DataSource dataSource, LaunchAuthorizer launchAuthorizer,
                             Clock clock, Ticker ticker, List<AuditListener> listeners) {
        PartnerAuth.Builder b = PartnerAuth.builder();
        if (p.pepper() != null && p.pepper().startsWith("${")) {
            // Boot leaves a placeholder it cannot resolve as it is; its name is no secret, the value would be
            throw new PartnerAuthConfigurationException("partner-auth.pepper", "not set: its placeholder "
                    + p.pepper().substring(0, Math.min(p.pepper().length(), p.pepper().indexOf('}') + 1))
                    + " names no environment variable or property that is set", PEPPER_ACTION);
        }
        PartnerAuthConfigurationException.step("partner-auth.pepper", PEPPER_ACTION,
                () -> b.keyPepper(KeyPepper.fromBase64(p.pepper())));
        if (p.publicBaseUrl() == null) {
            throw new PartnerAuthConfigurationException("partner-auth.public-base-url", "not set",
                    "Set partner-auth.public-base-url to the host's public URL, such as https://cpq.example.com: "
                            + "redirect URLs are built from it, never from a request's Host header.");
        }
        step("partner-auth.public-base-url", () -> b.publicBaseUrl(p.publicBaseUrl()));
        step("partner-auth.token-ttl", () -> b.tokenTtl(p.tokenTtl()));
        step("partner-auth.trusted-proxies", () -> b.trustedProxies(p.trustedProxies()));
        step("partner-auth.forwarded-header", () -> b.forwardedHeader(p.forwardedHeader()));
        step("partner-auth.session-check-interval", () -> b.sessionCheckInterval(p.sessionCheckInterval()));
        if (p.cacheStoreReads() != null) {
            step("partner-auth.cache-store-reads", () -> b.cacheStoreReads(p.cacheStoreReads()));
        }
        if (p.maxOutstandingGrants() != null) {
            step("partner-auth.max-outstanding-grants", () -> b.maxOutstandingGrants(p.maxOutstandingGrants()));
        }
        if (p.maxOutstandingTokensPerPartner() != null) {
            step("partner-auth.max-outstanding-tokens-per-partner",
                    () -> b.maxOutstandingTokensPerPartner(p.maxOutstandingTokensPerPartner()));
        }
        b.slf4jAudit(p.slf4jAudit());
        step("partner-auth.throttle.key-failure-limit", () -> b.keyFailureLimit(p.throttle().keyFailureLimit()));
        step("partner-auth.throttle.token-failure-limit", () -> b.tokenFailureLimit(p.throttle().tokenFailureLimit()));
        step("partner-auth.throttle.window", () -> b.throttleWindow(p.throttle().window()));
        step("partner-auth.throttle.max-tracked-clients", () -> b.maxTrackedClients(p.throttle().maxTrackedClients()));
        if (dataSource != null) {
            b.database(dataSource, p.database().schema());
        }
        if (launchAuthorizer != null) {
            b.launchAuthorizer(launchAuthorizer);
        }
        if (clock != null) {
            b.clock(clock);
        }
        if (ticker != null) {
            b.ticker(ticker);
        }
        listeners.forEach(b::auditListener);
        // what build refuses here is a contradiction between settings or with the database (such as
        // a pepper that is not the one the database knows), not one value: named as a whole
        return PartnerAuthConfigurationException.get("partner-auth", "Correct the partner-auth.* settings named above; "
                + "on several nodes every node needs the same partner-auth.pepper.", b::build);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(PartnerAuthFilters.class)
    static class Filters {
        @Bean
        PartnerAuthFilters partnerAuthFilters(PartnerAuth auth, PartnerAuthProperties properties,
                                              ObjectProvider<AdminAuthorizer> adminAuthorizer,
                                              ObjectProvider<SessionEstablisher> sessionEstablisher,
                                              ApplicationContext context) {
            PartnerAuthFilters.Builder b = PartnerAuthFilters.builder(auth)
                    .embedded(properties.embedded())
                    .sessionOnLaunchResponse(properties.sessionOnLaunchResponse())
                    .allowBrowserOriginOnAuthenticate(properties.allowBrowserOriginOnAuthenticate());
            step("partner-auth.landing-patterns", () -> b.landingPatterns(properties.landingPatterns()));
            step("partner-auth.max-body-size", () -> b.maxBodyBytes((int) Math.min(Integer.MAX_VALUE,
                    properties.maxBodySize().toBytes())));
            b.adminAuthorizer(adminAuthorizer.getIfUnique(() -> adminAuthorizer(properties.admin(), context.getClassLoader())));
            sessionEstablisher.ifUnique(b::sessionEstablisher);
            return b.build();
        }

        /** Without Spring Security: the three filters in the container, in {@code register}'s order. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnMissingClass(HTTP_SECURITY)
        static class ContainerFilters {
            @Bean
            FilterRegistrationBean<PartnerLandingFilter> partnerAuthLandingFilter(PartnerAuthFilters filters,
                                                                                  PartnerAuthProperties properties) {
                FilterRegistrationBean<PartnerLandingFilter> r = registration(filters.landingFilter(), FILTER_ORDER);
                r.setUrlPatterns(properties.landingPatterns());
                return r;
            }

            @Bean
            FilterRegistrationBean<PartnerAdminFilter> partnerAuthAdminFilter(PartnerAuthFilters filters) {
                return registration(filters.adminFilter(), FILTER_ORDER + 1);
            }

            @Bean
            FilterRegistrationBean<PartnerApiFilter> partnerAuthApiFilter(PartnerAuthFilters filters) {
                return registration(filters.apiFilter(), FILTER_ORDER + 2);
            }

            private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
                FilterRegistrationBean<F> r = new FilterRegistrationBean<>(filter);
                r.setOrder(order);
                r.setAsyncSupported(true);
                r.setDispatcherTypes(DispatcherType.REQUEST);
                r.addUrlPatterns("/api/v1/*");
                return r;
            }
        }

        /** With Spring Security: the filters go into the host's chains (see {@link PartnerAuthHttpConfigurer}). */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = HTTP_SECURITY)
        static class SecurityChain {
            @Bean
            PartnerAuthHttpConfigurer.ChainFilters partnerAuthChainFilters(PartnerAuthFilters filters) {
                return new PartnerAuthHttpConfigurer.ChainFilters(filters);
            }
        }

        /** With Spring Session: its cookie gets partner-auth's attributes on a partner's session. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.session.web.http.CookieSerializer")
        static class SpringSessionCookie {
            @Bean
            static BeanPostProcessor partnerAuthSessionCookie(ObjectProvider<PartnerAuthProperties> properties) {
                return new PartnerSessionCookieSerializer.Wrapping(properties);
            }
        }
    }

    /**
     * The admin API's gate from the properties: Spring Security's login holding {@code
     * admin.authority}, or without Spring Security one Basic administrator; nobody when neither is set.
     */
    static AdminAuthorizer adminAuthorizer(PartnerAuthProperties.Admin admin, ClassLoader classLoader) {
        boolean springSecurity = ClassUtils.isPresent(HTTP_SECURITY, classLoader);
        if (springSecurity) {
            if (admin.password() != null) {
                throw new PartnerAuthConfigurationException("partner-auth.admin.password",
                        "is for hosts without Spring Security; this host has it, and its login comes first",
                        "Remove partner-auth.admin.password and set partner-auth.admin.authority to the authority of your "
                                + "administrators' Spring Security login, such as ROLE_CPQ_ADMIN.");
            }
            if (admin.authority() == null) {
                return closedAdminApi("partner-auth.admin.authority (the authority of your administrators' login)");
            }
            return get("partner-auth.admin.authority",
                    () -> PartnerAuthSecurity.adminAuthority(admin.authority(), admin.challenge()));
        }
        if (admin.authority() != null) {
            throw new PartnerAuthConfigurationException("partner-auth.admin.authority", "needs Spring Security, "
                    + "which this host does not have", "Add spring-boot-starter-security, or remove partner-auth.admin.authority "
                    + "and set partner-auth.admin.password for one Basic administrator.");
        }
        if (admin.password() == null) {
            return closedAdminApi("partner-auth.admin.password (one Basic administrator)");
        }
        return get("partner-auth.admin.password", () -> new BasicAdminAuthorizer(admin.username(), admin.password()));
    }

    private static AdminAuthorizer closedAdminApi(String property) {
        LoggerFactory.getLogger(PartnerAuthAutoConfiguration.class).warn("partner-auth's admin API admits nobody: "
                + "set {} or define an AdminAuthorizer bean", property);
        return AdminAuthorizer.denyAll();
    }

    private static void step(String property, Runnable step) {
        PartnerAuthConfigurationException.step(property, correct(property), step);
    }

    private static <T> T get(String property, java.util.function.Supplier<T> step) {
        return PartnerAuthConfigurationException.get(property, correct(property), step);
    }

    private static String correct(String property) {
        return "Correct " + property + " (its description is in your IDE's completion and in the table of partner-auth"
                + " properties in docs/spring-boot.md).";
    }
}
