package dev.partnerauth.servlet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class PartnerAuthMetricsTest {
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final PartnerAuthMetrics metrics = PartnerAuthMetrics.bindTo(registry);

    private static AuditEvent event(AuditEventType type, String reason) {
        return new AuditEvent(Instant.EPOCH, type, "AbCdEfGhIjKl", "005xx000001Sv6EAAS", "203.0.113.7", reason, null,
                "prt_AcmePartner0001", "carol");
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void authenticateOutcomesCountedByReason() {
        metrics.onEvent(event(AuditEventType.AUTHENTICATE_ACCEPTED, null));
        metrics.onEvent(event(AuditEventType.AUTHENTICATE_ACCEPTED, null));
        metrics.onEvent(event(AuditEventType.AUTHENTICATE_REFUSED, "KEY_UNKNOWN"));

        assertEquals(2, count("partner_auth.authenticate", "outcome", "accepted", "reason", "none"));
        assertEquals(1, count("partner_auth.authenticate", "outcome", "refused", "reason", "KEY_UNKNOWN"));
    }

    private static AuditEvent partnerCall(AuditEventType type, String reason, String call, String actor) {
        return new AuditEvent(Instant.EPOCH, type, "AbCdEfGhIjKl", "005xx000001Sv6EAAS", "203.0.113.7", reason, call,
                "prt_AcmePartner0001", actor);
    }

    @Test
    void partnerUserCallsCountedByCallAndOutcomeAndAdminSignOutAsAdminChange() {
        metrics.onEvent(partnerCall(AuditEventType.USER_SIGNED_OUT, null, "signout/user", null));
        metrics.onEvent(partnerCall(AuditEventType.USER_DEACTIVATED, null, "deactivate/user", null));
        metrics.onEvent(partnerCall(AuditEventType.USER_ACTIVATED, null, "activate/user", null));
        metrics.onEvent(partnerCall(AuditEventType.AUTHENTICATE_REFUSED, "KEY_MISMATCH", "signout/user", null));
        metrics.onEvent(partnerCall(AuditEventType.USER_SIGNED_OUT, null, null, "carol"));
        metrics.onEvent(event(AuditEventType.SESSION_ENDED, "USER_SIGNED_OUT"));

        assertEquals(1, count("partner_auth.user_calls", "call", "signout", "outcome", "accepted", "reason", "none"));
        assertEquals(1, count("partner_auth.user_calls", "call", "deactivate", "outcome", "accepted"));
        assertEquals(1, count("partner_auth.user_calls", "call", "activate", "outcome", "accepted"));
        assertEquals(1, count("partner_auth.user_calls", "call", "signout", "outcome", "refused", "reason", "KEY_MISMATCH"));
        assertNull(registry.find("partner_auth.authenticate").counter(), "a refused key on signout/user is not an authenticate");
        assertEquals(1, count("partner_auth.admin.changes", "change", "user_signed_out"));
        assertEquals(1, count("partner_auth.sessions.ended", "reason", "USER_SIGNED_OUT"));
    }

    @Test
    void userCallsTimedAsUserChange() {
        for (String path : List.of("/api/v1/signout/user", "/api/v1/deactivate/user", "/api/v1/activate/user")) {
            assertEquals("user_change", PartnerAuthMetrics.operation(new MockHttpServletRequest("POST", path)), path);
        }
    }

    @Test
    void launchAndLandingCountedApart() {
        metrics.onEvent(event(AuditEventType.TOKEN_ACCEPTED, null));
        metrics.onEvent(event(AuditEventType.TOKEN_REFUSED, "ALREADY_USED"));
        metrics.onEvent(event(AuditEventType.LAUNCH_REFUSED, "EXPIRED"));

        assertEquals(1, count("partner_auth.launch", "outcome", "accepted"));
        assertEquals(1, count("partner_auth.launch", "outcome", "refused", "reason", "ALREADY_USED"));
        assertEquals(1, count("partner_auth.landing", "outcome", "refused", "reason", "EXPIRED"));
        assertNull(registry.find("partner_auth.landing").tags("outcome", "accepted").counter());
    }

    @Test
    void adminChangesCountedByKind() {
        metrics.onEvent(event(AuditEventType.KEY_CREATED, null));
        metrics.onEvent(event(AuditEventType.SETTINGS_CHANGED, null));
        metrics.onEvent(event(AuditEventType.KEY_CREATED, null));

        assertEquals(2, count("partner_auth.admin.changes", "change", "key_created"));
        assertEquals(1, count("partner_auth.admin.changes", "change", "settings_changed"));
    }

    @Test
    void everyAuditEventTypeIsCountedOnce() {
        for (AuditEventType type : AuditEventType.values()) {
            double before = total();
            metrics.onEvent(event(type, type.name().endsWith("REFUSED") ? "SOME_REASON" : null));
            assertEquals(before + 1, total(), type.name());
        }
    }

    private double total() {
        return registry.getMeters().stream().filter(m -> m instanceof io.micrometer.core.instrument.Counter)
                .mapToDouble(m -> ((io.micrometer.core.instrument.Counter) m).count()).sum();
    }

    @Test
    void tagsNeverCarryUserKeyOrAddressAndFreeTextReasonIsNotATag() {
        metrics.onEvent(event(AuditEventType.AUTHENTICATE_REFUSED, "user 005xx000001Sv6EAAS from 203.0.113.7"));
        metrics.onEvent(event(AuditEventType.AUTHENTICATE_ACCEPTED, null));

        assertEquals(1, count("partner_auth.authenticate", "outcome", "refused", "reason", "OTHER"));
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertEquals(false, tag.getValue().contains("005xx") || tag.getValue().contains("AbCdEf")
                        || tag.getValue().contains("203.0.113") || tag.getValue().contains("prt_")
                        || tag.getValue().contains("carol"), meter.getId().toString());
            }
        }
    }

    @Test
    void timingFilterTimesPartnerAuthRequestsByOperationAndOutcome() throws IOException, ServletException {
        time("POST", "/api/v1/authenticate/user", null, 200, Duration.ofMillis(7));
        time("POST", "/api/v1/open/quote", null, 403, Duration.ofMillis(3));
        time("GET", "/cpq/opportunities/006A", "tab=1&launch=plc_x", 303, Duration.ofMillis(5));
        time("PUT", "/api/v1/admin/partner-auth/settings", null, 200, Duration.ofMillis(2));
        time("POST", "/api/v1/authenticate/user", null, 429, Duration.ofMillis(1));

        assertEquals(7, timer("authenticate", "accepted"));
        assertEquals(3, timer("launch", "refused"));
        assertEquals(5, timer("landing", "accepted"));
        assertEquals(2, timer("admin_change", "accepted"));
        assertEquals(1, timer("authenticate", "throttled"));
    }

    @Test
    void timingFilterWhenChainThrowsThenErrorOutcomeAndExceptionPassesOn() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/create/quote");
        assertThrows(IllegalStateException.class, () -> metrics.timingFilter().doFilter(request, new MockHttpServletResponse(),
                (req, res) -> {
                    throw new IllegalStateException("boom");
                }));
        assertEquals(1, registry.get("partner_auth.requests").tags("operation", "launch", "outcome", "error").timer().count());
    }

    @Test
    void timingFilterLeavesOtherRequestsUntimed() throws IOException, ServletException {
        time("GET", "/cpq/opportunities/006A", "relaunch=1", 200, Duration.ofMillis(1));
        time("GET", "/api/v1/admin/partner-auth/keys", null, 200, Duration.ofMillis(1));
        time("OPTIONS", "/api/v1/create/quote", null, 204, Duration.ofMillis(1));
        assertEquals(List.of(), registry.find("partner_auth.requests").timers().stream().toList());
    }

    private void time(String method, String path, String query, int status, Duration took) throws IOException, ServletException {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setQueryString(query);
        metrics.timingFilter().doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            clock.add(took);
            ((jakarta.servlet.http.HttpServletResponse) res).setStatus(status);
        });
    }

    private double timer(String operation, String outcome) {
        return registry.get("partner_auth.requests").tags("operation", operation, "outcome", outcome).timer()
                .totalTime(TimeUnit.MILLISECONDS);
    }
}
