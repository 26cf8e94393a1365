package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issue 22, item 11, against the host wired as README shows, with Spring's {@code HiddenHttpMethodFilter}
 * on: cross-site admin writes, a launch link sent with the host's HTTP Basic login, and a partner
 * {@code SecurityContext} that the host persisted in the session outliving its key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "PARTNER_AUTH_PEPPER=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "cpq.public-url=http://localhost",
        "cpq.admin-password=" + SpringSecurityHardeningTest.ADMIN_PASSWORD,
        "cpq.employee-password=" + SpringSecurityHardeningTest.EMPLOYEE_PASSWORD,
        "spring.mvc.hiddenmethod.filter.enabled=true"})
class SpringSecurityHardeningTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String EMPLOYEE_PASSWORD = "employee-password-for-tests";
    private static final String ADMIN = "/api/v1/admin/partner-auth/";
    private static final String OPPORTUNITY = "0065g00000AbCdEAAV";
    private static final String CONTEXT_KEY = "SPRING_SECURITY_CONTEXT";

    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects, keeps no cookies

    @Value("${local.server.port}")
    int port;

    @Autowired
    FilterChainProxy springSecurity;

    /**
     * What a host may add: a chain of its own without partner-auth (which loads whatever context the
     * session holds), and a page that stores the partner's context in the session itself, as a
     * repository of its own or code written before partner-auth would.
     */
    @TestConfiguration
    static class HostExtras {
        @Bean
        @Order(0)
        SecurityFilterChain probeChain(HttpSecurity http) throws Exception {
            return http.securityMatcher("/probe/**").authorizeHttpRequests(r -> r.anyRequest().permitAll()).build();
        }

        @Bean
        Pages extraPages() {
            return new Pages();
        }
    }

    @RestController
    static class Pages {
        @GetMapping("/cpq/persist-context")
        String persist(HttpServletRequest request) {
            request.getSession().setAttribute(CONTEXT_KEY, new SecurityContextImpl(SecurityContextHolder.getContext().getAuthentication()));
            return "persisted";
        }

        @GetMapping("/cpq/save-context")
        String save(HttpServletRequest request, HttpServletResponse response) {
            new HttpSessionSecurityContextRepository().saveContext(SecurityContextHolder.getContext(), request, response);
            return "saved";
        }

        @GetMapping("/probe/session")
        String probe(HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            Object persisted = session == null ? null : session.getAttribute(CONTEXT_KEY);
            Authentication seen = SecurityContextHolder.getContext().getAuthentication();
            return "persisted=" + (persisted instanceof SecurityContext c && c.getAuthentication() != null ? c.getAuthentication().getName() : "none")
                    + "\nsees=" + (seen == null ? "none" : seen.getName()) + "\n";
        }
    }

    // ---- (a) cross-site admin writes

    @Test
    void formPostWithMethodOverrideFromAnotherSiteWithBasicCredentialsThen403AndTheKeySurvives() throws Exception {
        String id = field(createKey(), "id");

        HttpResponse<String> attack = send(crossSiteDeleteForm(id).header("Authorization", basic("admin", ADMIN_PASSWORD)));

        assertEquals(403, attack.statusCode(), attack.body());
        assertTrue(attack.body().contains("\"code\":\"CROSS_SITE_REFUSED\""), attack.body());
        assertEquals(200, send(get(ADMIN + "keys/" + id).header("Authorization", basic("admin", ADMIN_PASSWORD))).statusCode());
    }

    @Test
    void formPostWithMethodOverrideFromAnotherSiteWithTheAdminsSessionThen403AndTheKeySurvives() throws Exception {
        String id = field(createKey(), "id");
        String adminSession = formLogin("admin", ADMIN_PASSWORD);

        HttpResponse<String> attack = send(crossSiteDeleteForm(id).header("Cookie", adminSession));

        assertEquals(403, attack.statusCode(), attack.body());
        assertTrue(attack.body().contains("\"errors\""), attack.body());
        assertEquals(200, send(get(ADMIN + "keys/" + id).header("Cookie", adminSession)).statusCode());
    }

    @Test
    void deleteFromTheHostsOwnPageThen204() throws Exception {
        String id = field(createKey(), "id");
        HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri(ADMIN + "keys/" + id)).DELETE()
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("Origin", "http://127.0.0.1:" + port).header("Sec-Fetch-Site", "same-origin"));

        assertEquals(204, deleted.statusCode(), deleted.body());
    }

    // ---- (b) a host login of any mechanism is seen before the code is spent

    @Test
    void launchLinkSentWithTheHostsBasicLoginThen409AndTheCodeStaysUnspent() throws Exception {
        String landing = launch(field(createKey(), "key"), "u-1");

        HttpResponse<String> refused = send(navigate(landing).header("Authorization", basic("employee", EMPLOYEE_PASSWORD)));

        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals(303, send(navigate(landing)).statusCode(), "without the host login the same link signs the partner in");
    }

    @Test
    void guardAndLandingRunAfterEveryLoginFilterOfTheChain() {
        // partner-auth's own filters inside its dispatch-type wrapper are named by what they wrap
        List<String> filters = mainChain().getFilters().stream().map(f -> f.getClass().getSimpleName().equals("RequestDispatchOnly")
                ? f.toString() : f.getClass().getSimpleName()).toList();
        int guard = filters.indexOf("HostLoginLaunchGuard");

        // remember-me and bearer logins sit between Basic and the anonymous filter too (Spring's FilterOrderRegistration)
        assertTrue(guard > filters.indexOf("BasicAuthenticationFilter"), filters.toString());
        assertTrue(guard > filters.indexOf("SecurityContextHolderAwareRequestFilter"), filters.toString());
        assertEquals(List.of("HostLoginLaunchGuard", "PartnerLandingFilter", "PartnerSecurityContextFilter",
                "AnonymousAuthenticationFilter"), filters.subList(guard, guard + 4), filters.toString());
        assertEquals("PersistedPartnerContextFilter", filters.get(filters.indexOf("SecurityContextHolderFilter") + 1),
                filters.toString());
    }

    @Test
    void identitySwitchConfirmedFromItsOwnPageThenSignedInWithoutSpringsCsrfToken() throws Exception {
        String first = sessionCookie(send(navigate(launch(field(createKey(), "key"), "u-1"))));
        HttpResponse<String> asked = send(navigate(launch(field(createKey(), "key"), "u-2")).header("Cookie", first));
        assertEquals(200, asked.statusCode(), asked.body());
        Matcher form = Pattern.compile("action=\"([^\"]+)\"").matcher(asked.body());
        Matcher nonce = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"").matcher(asked.body());
        assertTrue(form.find() && nonce.find(), asked.body());

        HttpResponse<String> confirmed = send(HttpRequest.newBuilder(uri(form.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", first)
                .header("Origin", "http://127.0.0.1:" + port).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString("nonce=" + URLEncoder.encode(nonce.group(1), StandardCharsets.UTF_8))));

        assertEquals(303, confirmed.statusCode(), confirmed.body());
    }

    @Test
    void hostsOwnLoginAndLogoutUnderALaunchSwitchQueryThenStillNeedSpringsCsrfToken() throws Exception {
        String employee = formLogin("employee", EMPLOYEE_PASSWORD);

        HttpResponse<String> logout = send(HttpRequest.newBuilder(uri("/logout?launch-switch"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", employee)
                .POST(HttpRequest.BodyPublishers.ofString("")));
        // login CSRF: another site posts its own credentials to the host's login form
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login?launch-switch"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=employee&password=" + EMPLOYEE_PASSWORD)));

        assertEquals(403, logout.statusCode(), logout.body());
        assertEquals("employee=employee\n", send(get("/cpq/opportunities/" + OPPORTUNITY).header("Cookie", employee)).body());
        assertEquals(403, login.statusCode(), login.body());
    }

    // ---- unknown paths under /api/v1 (issue 22, item 12)

    @Test
    void unknownPathOfThePartnerApiThenJson404BeforeTheHostsRules() throws Exception {
        HttpResponse<String> typo = send(post("/api/v1/open/quotes", "{\"opportunity_id\":\"" + OPPORTUNITY + "\"}"));

        assertEquals(404, typo.statusCode(), typo.body());
        assertTrue(typo.body().contains("\"message\":\"Not found\""), typo.body());
    }

    @Test
    void pathNoControllerAnswersUnderTheApiThenJson404() throws Exception {
        HttpResponse<String> nope = send(get("/api/v1/nope").header("Authorization", basic("employee", EMPLOYEE_PASSWORD)));

        assertEquals(404, nope.statusCode(), nope.body());
        assertTrue(nope.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"), nope.headers().toString());
        assertTrue(nope.body().contains("\"code\":\"NOT_FOUND\""), nope.body());
    }

    // ---- (c) a persisted partner context ends with its grounds

    @Test
    void partnerContextPersistedByTheHostThenGoneFromTheSessionOnceTheKeyIsDeleted() throws Exception {
        String key = createKey();
        HttpResponse<String> land = send(navigate(launch(field(key, "key"), "u-1")));
        String cookie = sessionCookie(land);
        assertEquals("persisted", send(get("/cpq/persist-context").header("Cookie", cookie)).body());

        HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri(ADMIN + "keys/" + field(key, "id"))).DELETE()
                .header("Authorization", basic("admin", ADMIN_PASSWORD)));
        assertEquals(204, deleted.statusCode(), deleted.body());
        HttpResponse<String> page = send(get("/cpq/opportunities/" + OPPORTUNITY).header("Cookie", cookie));
        HttpResponse<String> probe = send(get("/probe/session").header("Cookie", cookie));

        assertEquals(401, page.statusCode(), page.body());
        assertEquals("persisted=none\nsees=anonymousUser\n", probe.body(),
                "a chain without partner-auth finds no partner left in the session");
    }

    @Test
    void partnerContextSavedThroughSpringsSessionRepositoryThenNeverInTheSession() throws Exception {
        String cookie = sessionCookie(send(navigate(launch(field(createKey(), "key"), "u-1"))));

        assertEquals("saved", send(get("/cpq/save-context").header("Cookie", cookie)).body());
        assertEquals("persisted=none\nsees=anonymousUser\n", send(get("/probe/session").header("Cookie", cookie)).body());
    }

    // ---- helpers, as in PartnerFlowTest

    /** The README's chain: the one that matches any request (the probe chain comes first). */
    private SecurityFilterChain mainChain() {
        List<SecurityFilterChain> chains = springSecurity.getFilterChains();
        return chains.get(chains.size() - 1);
    }

    private HttpRequest.Builder crossSiteDeleteForm(String keyId) {
        return HttpRequest.newBuilder(uri(ADMIN + "keys/" + keyId))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .header("Sec-Fetch-Mode", "navigate")
                .POST(HttpRequest.BodyPublishers.ofString("_method=DELETE"));
    }

    /** The PRM authenticates {@code userId} with the key and opens a quote: the launch URL's path and query. */
    private String launch(String key, String userId) throws Exception {
        HttpResponse<String> authenticate = send(post("/api/v1/authenticate/user", "{\"authentication\":\"" + key
                + "\",\"user_information\":{\"type\":\"partner\",\"user_id\":\"" + userId + "\",\"login\":\"" + userId
                + "@partner.example\",\"email\":\"" + userId + "@partner.example\",\"name\":\"Dana Partner\"}}"));
        assertEquals(200, authenticate.statusCode(), authenticate.body());
        HttpResponse<String> open = send(post("/api/v1/open/quote",
                "{\"opportunity_id\":\"" + OPPORTUNITY + "\",\"quote_id\":\"Q-42\"}")
                .header("Authorization", "Bearer " + field(authenticate.body(), "access_token")));
        assertEquals(200, open.statusCode(), open.body());
        URI url = URI.create(field(open.body(), "url"));
        return url.getRawPath() + "?" + url.getRawQuery();
    }

    /** Enables the authenticator and creates a key of a new partner: the answer, with {@code id} and {@code key}. */
    private String createKey() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        HttpResponse<String> settings = send(HttpRequest.newBuilder(uri(ADMIN + "settings")).header("Content-Type", "application/json")
                .header("Authorization", admin).PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"crm\":\"SALESFORCE\"}")));
        assertEquals(200, settings.statusCode(), settings.body());
        HttpResponse<String> key = send(post(ADMIN + "keys", "{\"name\":\"Acme PRM\",\"allowed_ips\":[]}").header("Authorization", admin));
        assertEquals(201, key.statusCode(), key.body());
        return key.body();
    }

    private String formLogin(String user, String password) throws Exception {
        HttpResponse<String> form = send(get("/login"));
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(csrf.find(), form.body());
        String body = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", sessionCookie(form))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(302, login.statusCode(), login.body());
        return sessionCookie(login);
    }

    private static String sessionCookie(HttpResponse<?> response) {
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** A browser's top-level navigation from the PRM's page, with the fetch metadata it sends. */
    private HttpRequest.Builder navigate(String path) {
        return get(path).header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
