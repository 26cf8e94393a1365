package com.example.cpq;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.audit.BufferedAuditLog;
import dev.partnerauth.audit.JdbcAuditLog;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.settings.JdbcSettingsStore;
import dev.partnerauth.servlet.BasicAdminAuthorizer;
import dev.partnerauth.servlet.PartnerAuthFilters;
import dev.partnerauth.servlet.metrics.PartnerAuthMetrics;
import dev.partnerauth.user.JdbcPartnerUserStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The builder calls the guides show, each in a method of its own so that it compiles as shown;
 * {@code HostWiringTest} runs each one.
 */
final class HostWiring {
    private HostWiring() {
    }

    static PartnerAuth withLaunchAuthorizer(KeyPepper pepper, URI url, SharedOpportunityAuthorizer.Crm crm) {
        // README:begin guide-launch-authorizer-wiring
        PartnerAuth auth = PartnerAuth.builder()
                .keyPepper(pepper).publicBaseUrl(url)
                .launchAuthorizer(new SharedOpportunityAuthorizer(crm)) // without one: every opportunity, and one WARN
                .build();
        // README:end
        return auth;
    }

    static PartnerAuthFilters withBasicAdmin(PartnerAuth auth) {
        // README:begin guide-basic-admin
        PartnerAuthFilters filters = PartnerAuthFilters.builder(auth)
                .adminAuthorizer(new BasicAdminAuthorizer("admin", System.getenv("CPQ_ADMIN_PASSWORD")))
                .build();
        // README:end
        return filters;
    }

    static PartnerAuthMetrics withMetrics(MeterRegistry meterRegistry, KeyPepper pepper, URI url) {
        // README:begin guide-metrics
        PartnerAuthMetrics metrics = PartnerAuthMetrics.bindTo(meterRegistry);
        PartnerAuth auth = PartnerAuth.builder()
                .keyPepper(pepper).publicBaseUrl(url)
                .auditListener(metrics)              // the counters
                .build();
        // the timers: metrics.timingFilter() at /*, before partner-auth's filters and Spring Security's
        // README:end
        return metrics;
    }

    static PartnerAuth onSeveralNodes(KeyPepper pepper, URI url, DataSource dataSource) {
        // README:begin guide-database
        PartnerAuth auth = PartnerAuth.builder()
                .keyPepper(pepper).publicBaseUrl(url)   // the same pepper on every node
                .database(dataSource)                   // keys, settings, users, grants, signing keys, audit
                .build();
        // README:end
        return auth;
    }

    static BufferedAuditLog withBatchedAudit(KeyPepper pepper, URI url, DataSource dataSource) {
        // README:begin guide-buffered-audit
        BufferedAuditLog audit = BufferedAuditLog.start(new JdbcAuditLog(dataSource)); // close it at shutdown
        PartnerAuth auth = PartnerAuth.builder()
                .keyPepper(pepper).publicBaseUrl(url)
                .database(dataSource)
                .auditLog(audit)                        // takes the place of database()'s JdbcAuditLog
                .build();
        // README:end
        return audit;
    }

    static PartnerAuth onOneNodeWithADatabase(KeyPepper pepper, URI url, DataSource dataSource) {
        // README:begin guide-one-node
        PartnerAuth auth = PartnerAuth.builder()
                .keyPepper(pepper).publicBaseUrl(url)
                .keyStore(new JdbcKeyStore(dataSource))
                .settingsStore(new JdbcSettingsStore(dataSource))
                .userStore(new JdbcPartnerUserStore(dataSource))
                .auditLog(new JdbcAuditLog(dataSource))
                .cacheStoreReads(Duration.ofMinutes(1))   // tokens and their signing keys stay in memory
                .build();
        // README:end
        return auth;
    }

    static String principalAccessors(HttpServletRequest request, PartnerPrincipal other, String id) {
        // README:begin guide-principal-accessors
        PartnerPrincipal p = (PartnerPrincipal) request.getUserPrincipal();   // or PartnerSessions.principal(request).orElseThrow()
        p.partnerId();            // the partner (tenant), a record: p.partnerId().value() is "prt_…"; the user is (partnerId, user().userId()) together
        p.user();                 // the PRM's user_information
        p.keyId(); p.keyName();   // the key it came through (a roll changes the key, not the user)
        p.signedInAt();
        p.mayAccessOpportunity(id); // the opportunities this session was opened for
        p.sameIdentity(other);    // same partner and same user_id
        p.getName();              // "partner:prt_4kQ0c1ZxY2m9Lh7s3PwE:u-100", also request.getRemoteUser()
        request.isUserInRole("partner"); // the only role a partner request has: never the container's
        // README:end
        return p.getName();
    }
}
