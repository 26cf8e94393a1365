package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.internal.json.Json;
import dev.partnerauth.internal.json.JsonSyntaxException;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.launch.LaunchRoutes;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.servlet.testing.ServletContainer;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.testing.MutableClock;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One partner-auth host on a real container, as the HTTP tests need it: a {@link PartnerAuth} on a
 * {@link MutableClock} with public base URL {@value #PUBLIC_BASE_URL}, the authenticator enabled for
 * Salesforce with {@value #PRM_ORIGIN} as allowed origin, one key, the filters registered with a
 * Basic admin, and a page servlet at {@code /cpq/*} that records who it sees. Close it to stop the
 * container.
 */
final class PartnerAuthFixture implements AutoCloseable {
    static final String PUBLIC_BASE_URL = "https://cpq.example.com";
    static final String PRM_ORIGIN = "https://prm.example.com";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "correct-horse-battery";
    static final String USER_ID = "005xx000001Sv6EAAS";
    static final String AUTHENTICATE = "/api/v1/authenticate/user";
    static final String CREATE_QUOTE = "/api/v1/create/quote";
    static final String OPEN_QUOTE = "/api/v1/open/quote";
    static final String OPEN_OPPORTUNITY = "/api/v1/open/opportunity";
    static final String ADMIN = "/api/v1/admin/partner-auth";
    static final Instant START = Instant.parse("2030-01-15T10:00:00Z");

    final MutableClock clock;
    final PartnerAuth auth;
    final PartnerAuthFilters filters;
    final ServletContainer server;
    /** The plaintext of the fixture's key. */
    final String key;
    final String keyId;
    /** The partner of {@link #key}. */
    final dev.partnerauth.key.PartnerId partnerId;
    /** Every request the {@code /cpq/*} page servlet answered, in order. */
    final Queue<Page> pages = new ConcurrentLinkedQueue<>();

    /** What the host's page saw of the signed-in partner. */
    record Page(String path, Principal userPrincipal, Optional<PartnerPrincipal> sessionPrincipal,
                String remoteUser, boolean partnerRole) {
    }

    private PartnerAuthFixture(Options o, Containers containers) {
        this.clock = new MutableClock(START);
        PartnerAuth.Builder builder = PartnerAuth.builder()
                .keyPepper(KeyPepper.of(new byte[32]))
                .clock(clock)
                .ticker(clock.ticker())
                .slf4jAudit(false);
        if (o.launchRoutes == null) {
            builder.publicBaseUrl(URI.create(PUBLIC_BASE_URL));
        } else {
            builder.launchRoutes(o.launchRoutes);
        }
        o.auth.accept(builder);
        this.auth = builder.build();
        auth.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of(PRM_ORIGIN)), "admin");
        IssuedKey issued = auth.createKey("Acme PRM", IpAllowlist.parse(o.keyAllowedIps), null, "admin");
        this.key = issued.plaintext();
        this.keyId = issued.metadata().id().value();
        this.partnerId = issued.metadata().partnerId();
        PartnerAuthFilters.Builder filtersBuilder = PartnerAuthFilters.builder(auth)
                .adminAuthorizer(new BasicAdminAuthorizer(ADMIN_USER, ADMIN_PASSWORD));
        o.filters.accept(filtersBuilder);
        this.filters = filtersBuilder.build();
        this.server = containers.start(ctx -> {
            o.registration.accept(ctx, filters);
            ctx.addServlet("cpq-pages", new PageServlet(pages)).addMapping("/cpq/*");
        });
    }

    /** The default host on {@code containers}. */
    static PartnerAuthFixture start(Containers containers) {
        return new Options().start(containers);
    }

    static Options options() {
        return new Options();
    }

    /** What a test changes in the default host. */
    static final class Options {
        private Consumer<PartnerAuth.Builder> auth = b -> { };
        private Consumer<PartnerAuthFilters.Builder> filters = b -> { };
        private List<String> keyAllowedIps = List.of();
        private LaunchRoutes launchRoutes;
        private BiConsumer<ServletContext, PartnerAuthFilters> registration = (ctx, f) -> f.register(ctx);

        Options auth(Consumer<PartnerAuth.Builder> customiser) {
            this.auth = customiser;
            return this;
        }

        Options filters(Consumer<PartnerAuthFilters.Builder> customiser) {
            this.filters = customiser;
            return this;
        }

        /** Custom landing routes instead of the default templates under {@value #PUBLIC_BASE_URL}. */
        Options launchRoutes(LaunchRoutes routes) {
            this.launchRoutes = routes;
            return this;
        }

        Options keyAllowedIps(List<String> entries) {
            this.keyAllowedIps = List.copyOf(entries);
            return this;
        }

        /** Replaces {@code filters.register(ctx)}, for hosts that declare the filters themselves. */
        Options registration(BiConsumer<ServletContext, PartnerAuthFilters> registration) {
            this.registration = registration;
            return this;
        }

        PartnerAuthFixture start(Containers containers) {
            return new PartnerAuthFixture(this, containers);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- the Partner API, as a PRM calls it

    static String authenticateBody(String key, String userId) {
        return "{\"authentication\":\"" + key + "\",\"user_information\":{\"type\":\"partner\",\"user_id\":\""
                + userId + "\",\"login\":\"david.s@partner.example\",\"email\":\"david.s@partner.example\","
                + "\"name\":\"David Solomon\",\"company\":\"Acme Partner\"}}";
    }

    Http.Response authenticate(String key) {
        return post(AUTHENTICATE, authenticateBody(key, USER_ID), Map.of());
    }

    Http.Response authenticate() {
        return authenticate(key);
    }

    /** A fresh access token for the fixture's user. */
    String token() {
        Http.Response response = authenticate();
        assertEquals(200, response.status(), response.body());
        return (String) json(response).get("access_token");
    }

    /**
     * The path and query of a fresh create/quote launch URL for {@code userId}, shown as {@code name},
     * through the key {@code key}: a user of the PRM other than the fixture's, or of another partner.
     */
    String launchPath(String key, String userId, String name) {
        String body = "{\"authentication\":\"" + key + "\",\"user_information\":{\"type\":\"partner\",\"user_id\":\""
                + userId + "\",\"login\":\"" + userId + "@partner.example\",\"email\":\"" + userId
                + "@partner.example\",\"name\":\"" + name + "\"}}";
        Http.Response authenticated = post(AUTHENTICATE, body, Map.of());
        assertEquals(200, authenticated.status(), authenticated.body());
        Http.Response launched = launch(CREATE_QUOTE, (String) json(authenticated).get("access_token"),
                "{\"opportunity_id\":\"0065g00000AbCdEAAV\"}");
        assertEquals(200, launched.status(), launched.body());
        return pathAndQuery((String) json(launched).get("url"));
    }

    /** Lands on a launch path as a browser's top-level navigation, with {@code cookie} ({@code name=value}) if not null. */
    Http.Response land(String launchPath, String cookie) {
        Map<String, String> headers = new HashMap<>(Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document",
                "Sec-Fetch-Site", "cross-site"));
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        return Http.plain().get(server.uri(launchPath), headers);
    }

    /** A page of the host as the browser holding {@code cookie} sees it: the principal the page servlet saw. */
    Optional<PartnerPrincipal> principalOnPage(String cookie) {
        Http.Response page = Http.plain().get(server.uri("/cpq/home"), Map.of("Cookie", cookie));
        assertEquals(200, page.status(), page.body());
        return pages.remove().sessionPrincipal();
    }

    Http.Response launch(String path, String token, String body) {
        return post(path, body, Map.of("Authorization", "Bearer " + token));
    }

    Http.Response post(String path, String body, Map<String, String> headers) {
        return Http.plain().post(server.uri(path), body, headers);
    }

    /** Sends {@code method path} with an optional JSON body and the given headers. */
    Http.Response send(String method, String path, String body, Map<String, String> headers) {
        return Http.plain().send(method, server.uri(path), body, headers);
    }

    // ---- the admin API

    static Map<String, String> adminCredentials() {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code method /api/v1/admin/partner-auth/resource} as the administrator. */
    Http.Response admin(String method, String resource, String body) {
        return send(method, ADMIN + "/" + resource, body, adminCredentials());
    }

    // ---- reading answers

    static Map<String, Object> json(Http.Response response) {
        return json(response.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        try {
            return (Map<String, Object>) Json.parse(body.getBytes(StandardCharsets.UTF_8));
        } catch (JsonSyntaxException e) {
            throw new AssertionError("not a JSON body: " + body, e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> errors(Http.Response response) {
        return (List<Map<String, Object>>) json(response).get("errors");
    }

    /** The messages of the {@code errors} array, in order. */
    static List<String> messages(Http.Response response) {
        List<String> messages = new ArrayList<>();
        errors(response).forEach(e -> messages.add((String) e.get("message")));
        return messages;
    }

    /** The path and query of an absolute URL, to replay a redirect URL against the test server. */
    static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The {@code name=value} pair of a {@code Set-Cookie} header for the session cookie, if any. */
    static Optional<String> sessionCookie(Http.Response response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst();
    }

    /** The attributes of the session {@code Set-Cookie} header, lower-cased names, values as sent. */
    static Map<String, String> sessionCookieAttributes(Http.Response response) {
        String header = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
        Map<String, String> attributes = new HashMap<>();
        String[] parts = header.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            attributes.put((eq < 0 ? p : p.substring(0, eq)).toLowerCase(java.util.Locale.ROOT),
                    eq < 0 ? "" : p.substring(eq + 1));
        }
        return attributes;
    }

    /** The host's own pages: records what the landing filter exposes, then answers 200. */
    private static final class PageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Queue<Page> pages;

        PageServlet(Queue<Page> pages) {
            this.pages = pages;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            pages.add(new Page(request.getRequestURI(), request.getUserPrincipal(), PartnerSessions.principal(request),
                    request.getRemoteUser(), request.isUserInRole(PartnerLandingFilter.ROLE)));
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().write("page " + request.getRequestURI());
        }
    }
}
