package dev.partnerauth.servlet.metrics;

import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditListener;
import dev.partnerauth.servlet.PartnerAuthFilters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * partner-auth in Micrometer. Counters come from the audit events, so they count what the core
 * decided, with the refusal's reason; timers come from {@link #timingFilter()}, around the filters.
 *
 * <pre>{@code
 * PartnerAuthMetrics metrics = PartnerAuthMetrics.bindTo(registry);
 * PartnerAuth.builder()...auditListener(metrics)...
 * // and map metrics.timingFilter() at /* ahead of the partner-auth filters
 * }</pre>
 *
 * <p>Meters: counters {@code partner_auth.authenticate}, {@code partner_auth.launch} (the bearer
 * token spent on {@code create/quote} and {@code open/*}), {@code partner_auth.landing} (the launch
 * code spent), each tagged {@code outcome} ({@code accepted}, {@code refused}) and {@code reason}
 * ({@code none} or the refusal's reason, such as {@code KEY_UNKNOWN}); counter {@code
 * partner_auth.admin.changes} tagged {@code change} ({@code key_created}, {@code settings_changed},
 * ...); counter {@code partner_auth.sessions.ended} tagged {@code reason}, for the partner sessions
 * that lost their grounds (reasons include {@code USER_SIGNED_OUT} and {@code USER_DEACTIVATED});
 * counter {@code partner_auth.user_calls} tagged {@code call} ({@code signout}, {@code deactivate},
 * {@code activate}: the partner's calls on its users), {@code outcome} and {@code reason} as above (a
 * refused key there is counted here, not under {@code authenticate}); the admin's sign-out is the
 * admin change {@code user_signed_out}; counter {@code partner_auth.client_address.refused}, for requests whose
 * trusted proxy forwarded a hop that is not an address; timer {@code partner_auth.requests} tagged {@code operation} ({@code authenticate}, {@code
 * user_change} for the partner's calls on its users, {@code launch}, {@code landing}, {@code admin_change}) and {@code outcome} ({@code accepted}, {@code
 * refused}, {@code throttled}, {@code error}). No tag carries a user, key, partner id or address,
 * so the number of series is fixed. Thread-safe.
 */
public final class PartnerAuthMetrics implements AuditListener {
    /** A reason is an enum constant's name; anything else would be unbounded text and is not a tag. */
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z_]{0,47}");
    /** The partner's calls on its users, as their audit events name them in {@code detail}. */
    private static final java.util.Set<String> USER_CALLS = java.util.Set.of("signout/user", "deactivate/user",
            "activate/user");
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private PartnerAuthMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The binding to one registry; hand it to {@code PartnerAuth.Builder.auditListener}. */
    public static PartnerAuthMetrics bindTo(MeterRegistry registry) {
        return new PartnerAuthMetrics(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void onEvent(AuditEvent event) {
        // by name, not by constant: event types are added as the library grows, and each new kind of
        // key, settings or user change is an admin change without a change here
        String type = event.type().name();
        switch (type) {
            case "AUTHENTICATE_ACCEPTED" -> outcome("partner_auth.authenticate", null);
            case "AUTHENTICATE_REFUSED" -> {
                // the partner's calls on its users check the key as authenticate/user does
                if (isUserCall(event.detail())) {
                    userCall(event.detail(), event.reason());
                } else {
                    outcome("partner_auth.authenticate", event.reason());
                }
            }
            case "TOKEN_ACCEPTED" -> outcome("partner_auth.launch", null);
            case "TOKEN_REFUSED" -> outcome("partner_auth.launch", event.reason());
            // the host's own reason is free text: the refusal is counted under the type's name instead
            case "OPPORTUNITY_REFUSED" -> outcome("partner_auth.launch", type);
            case "LAUNCH_ACCEPTED" -> outcome("partner_auth.landing", null);
            case "LAUNCH_REFUSED" -> outcome("partner_auth.landing", event.reason());
            case "CLIENT_ADDRESS_REFUSED" -> counters.computeIfAbsent("client-address", k -> Counter.builder(
                    "partner_auth.client_address.refused").description("Requests refused for a garbled forwarded hop")
                    .register(registry)).increment();
            case "SESSION_ENDED" -> counters.computeIfAbsent("ended:" + reasonTag(event.reason()),
                    k -> Counter.builder("partner_auth.sessions.ended").tag("reason", reasonTag(event.reason()))
                            .register(registry)).increment();
            // the partner's calls on its users; the admin's sign-out (with an actor) is an admin change
            case "USER_SIGNED_OUT", "USER_DEACTIVATED", "USER_ACTIVATED" -> {
                if (event.actor() == null && isUserCall(event.detail())) {
                    userCall(event.detail(), null);
                } else {
                    adminChange(type);
                }
            }
            default -> {
                if (type.startsWith("KEY_") || type.startsWith("SETTINGS_") || type.startsWith("USER_")) {
                    adminChange(type);
                }
            }
        }
    }

    private static boolean isUserCall(String detail) {
        return detail != null && USER_CALLS.contains(detail);
    }

    private void adminChange(String type) {
        counters.computeIfAbsent("change:" + type, k -> Counter.builder("partner_auth.admin.changes")
                .description("Administrative changes made through partner-auth")
                .tag("change", type.toLowerCase(Locale.ROOT))
                .register(registry)).increment();
    }

    /** {@code call} is one of {@link #USER_CALLS}: the tag is its first word ({@code signout}, ...). */
    private void userCall(String call, String reason) {
        String name = call.substring(0, call.indexOf('/'));
        String tag = reasonTag(reason);
        counters.computeIfAbsent("user-call:" + name + ":" + tag, k -> Counter.builder("partner_auth.user_calls")
                .description("The partner's signout/user, deactivate/user and activate/user calls")
                .tag("call", name)
                .tag("outcome", reason == null ? "accepted" : "refused")
                .tag("reason", tag)
                .register(registry)).increment();
    }

    private static String reasonTag(String reason) {
        return reason == null ? "none" : REASON.matcher(reason).matches() ? reason : "OTHER";
    }

    private void outcome(String name, String reason) {
        String tag = reasonTag(reason);
        counters.computeIfAbsent(name + ":" + tag, k -> Counter.builder(name)
                .tag("outcome", reason == null ? "accepted" : "refused")
                .tag("reason", tag)
                .register(registry)).increment();
    }

    /**
     * A filter that times the partner-auth requests it sees (the Partner API calls, landings with a
     * launch code, admin changes) into {@code partner_auth.requests}, by the status they were
     * answered with; other requests pass untimed. Map it at {@code /*}, ahead of the partner-auth
     * filters.
     */
    public Filter timingFilter() {
        return new TimingFilter();
    }

    private final class TimingFilter implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            String operation = req instanceof HttpServletRequest r ? operation(r) : null;
            if (operation == null || !(res instanceof HttpServletResponse response)) {
                chain.doFilter(req, res);
                return;
            }
            // the registry's clock, so that a test's MockClock decides the duration
            Timer.Sample sample = Timer.start(registry);
            boolean failed = true;
            try {
                chain.doFilter(req, res);
                failed = false;
            } finally {
                String outcome = failed ? "error" : outcome(response.getStatus());
                sample.stop(timers.computeIfAbsent(operation + ":" + outcome, k -> Timer.builder("partner_auth.requests")
                        .tag("operation", operation).tag("outcome", outcome).register(registry)));
            }
        }
    }

    static String operation(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        String method = request.getMethod();
        if (path.startsWith(PartnerAuthFilters.ADMIN_PREFIX)) {
            return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) ? null : "admin_change";
        }
        if (path.equals(PartnerAuthFilters.API_PREFIX + "authenticate/user")) {
            return "authenticate";
        }
        if (path.equals(PartnerAuthFilters.API_PREFIX + "signout/user") || path.equals(PartnerAuthFilters.API_PREFIX
                + "deactivate/user") || path.equals(PartnerAuthFilters.API_PREFIX + "activate/user")) {
            return "user_change";
        }
        if (path.equals(PartnerAuthFilters.API_PREFIX + "create/quote") || path.equals(PartnerAuthFilters.API_PREFIX + "open/quote")
                || path.equals(PartnerAuthFilters.API_PREFIX + "open/opportunity")) {
            return "OPTIONS".equals(method) ? null : "launch";
        }
        String query = request.getQueryString();
        return "GET".equals(method) && query != null && (query.startsWith("launch=") || query.contains("&launch="))
                ? "landing" : null;
    }

    static String outcome(int status) {
        if (status == 429) {
            return "throttled";
        }
        return status >= 500 ? "error" : status >= 400 ? "refused" : "accepted";
    }
}
