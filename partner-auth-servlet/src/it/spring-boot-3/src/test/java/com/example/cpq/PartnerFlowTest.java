package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole flow over HTTP against the running host: the admin (through Spring Security's Basic
 * login) enables the authenticator and creates a key, the PRM authenticates a user and opens a
 * quote, the browser follows the URL to the landing, and the host's page sees the partner.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "PARTNER_AUTH_PEPPER=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "cpq.public-url=http://localhost",
        "cpq.admin-password=" + PartnerFlowTest.ADMIN_PASSWORD,
        "cpq.employee-password=" + PartnerFlowTest.EMPLOYEE_PASSWORD})
class PartnerFlowTest {
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String EMPLOYEE_PASSWORD = "employee-password-for-tests";
    private static final String ADMIN = "/api/v1/admin/partner-auth/";
    private static final String OPPORTUNITY = "0065g00000AbCdEAAV";

    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects, keeps no cookies

    @Value("${local.server.port}")
    int port;

    @Test
    void partnerLaunchThenHostPageSeesThePartnerInRequestAndSecurityContext() throws Exception {
        String landing = launch();
        assertTrue(landing.startsWith("/cpq/opportunities/" + OPPORTUNITY + "/quotes/Q-42?"), landing);

        HttpResponse<String> land = send(navigate(landing));
        assertEquals(303, land.statusCode(), land.body());
        assertEquals("/cpq/opportunities/" + OPPORTUNITY + "/quotes/Q-42", land.headers().firstValue("Location").orElseThrow());
        String cookie = sessionCookie(land);

        HttpResponse<String> page = send(get("/cpq/opportunities/" + OPPORTUNITY + "/quotes/Q-42").header("Cookie", cookie));
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("partner=Dana Partner\nuser_principal=dana@partner.example\nsecurity_context=dana@partner.example\n"
                + "authorities=[ROLE_partner]\npartner_role=true\nquote=Q-42\n", page.body());

        HttpResponse<String> elsewhere = send(get("/cpq/opportunities/006OTHER").header("Cookie", cookie));
        assertEquals(403, elsewhere.statusCode(), "a partner stays inside the opportunities it was opened for");
    }

    @Test
    void partnerApiPostsNeedNoCsrfTokenAndCreateNoSession() throws Exception {
        HttpResponse<String> authenticate = authenticate(createKey());
        assertEquals(200, authenticate.statusCode(), authenticate.body());
        assertFalse(authenticate.headers().firstValue("Set-Cookie").isPresent());
    }

    @Test
    void adminChangesAreAuditedUnderTheSpringLoginsName() throws Exception {
        createKey();
        HttpResponse<String> audit = send(get(ADMIN + "audit?limit=5").header("Authorization", basic("admin", ADMIN_PASSWORD)));
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(Pattern.compile("\"type\":\"KEY_CREATED\"[^}]*\"actor\":\"admin\"").matcher(audit.body()).find(), audit.body());
    }

    @Test
    void adminApiWithoutLoginThen401WithTheHostsChallenge() throws Exception {
        HttpResponse<String> response = send(get(ADMIN + "keys"));
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Basic realm=\"CPQ\"")),
                response.headers().toString());
    }

    @Test
    void adminApiWithWrongPasswordThen401() throws Exception {
        HttpResponse<String> response = send(get(ADMIN + "keys").header("Authorization", basic("admin", "wrong-password-here")));
        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void adminApiAsEmployeeWithoutTheRoleThen403() throws Exception {
        HttpResponse<String> response = send(post(ADMIN + "keys", "{\"name\":\"Mallory\"}")
                .header("Authorization", basic("employee", EMPLOYEE_PASSWORD)));
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"errors\""), response.body());
    }

    @Test
    void adminApiAsPartnerUserThen403() throws Exception {
        HttpResponse<String> land = send(navigate(launch()));
        HttpResponse<String> response = send(get(ADMIN + "keys").header("Cookie", sessionCookie(land)));
        assertEquals(403, response.statusCode(), response.body());
    }

    @Test
    void launchIntoBrowserSignedInToTheHostThen409AndTheCodeStaysUnspent() throws Exception {
        String landing = launch();
        String employee = formLogin("employee", EMPLOYEE_PASSWORD);

        HttpResponse<String> refused = send(navigate(landing).header("Cookie", employee));
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("no-referrer", refused.headers().firstValue("Referrer-Policy").orElseThrow());
        HttpResponse<String> stillEmployee = send(get("/cpq/opportunities/" + OPPORTUNITY).header("Cookie", employee));
        assertEquals("employee=employee\n", stillEmployee.body());

        // signed out (here: another browser), the same link still signs the partner in
        assertEquals(303, send(navigate(landing)).statusCode());
    }

    @Test
    void hostLoginInABrowserWithAPartnerSessionThenOnlyTheHostUserIsSeen() throws Exception {
        String partner = sessionCookie(send(navigate(launch())));

        String employee = formLogin("employee", EMPLOYEE_PASSWORD, partner);

        HttpResponse<String> page = send(get("/cpq/opportunities/" + OPPORTUNITY).header("Cookie", employee));
        assertEquals("employee=employee\n", page.body(), "one request never carries two identities");
    }

    @Test
    void csrfExemptionCoversTheAdminApiOnly() throws Exception {
        String employee = formLogin("employee", EMPLOYEE_PASSWORD);

        HttpResponse<String> logout = send(post("/logout", "{}").header("Cookie", employee));
        assertEquals(403, logout.statusCode(), "a host POST without the CSRF token stays refused");
        HttpResponse<String> sneaky = send(post("/api/v1/admin/partner-auth/../../../../logout", "{}").header("Cookie", employee));
        assertEquals(400, sneaky.statusCode(), "Spring's firewall refuses dot segments before any matcher runs");
        assertEquals("employee=employee\n",
                send(get("/cpq/opportunities/" + OPPORTUNITY).header("Cookie", employee)).body());
    }

    @Test
    void partnerSignInRenewsSpringsCsrfTokenAsSpringsOwnLoginsDo() throws Exception {
        // a session (and its CSRF token) that someone fixed before the partner signs in
        HttpResponse<String> form = send(get("/login"));
        String fixed = sessionCookie(form);
        String fixedToken = csrfToken(form.body());
        assertEquals(204, send(logout(fixed, fixedToken)).statusCode(), "the fixed token works before sign-in (logged out)");
        form = send(get("/login"));
        fixed = sessionCookie(form);
        fixedToken = csrfToken(form.body());

        HttpResponse<String> land = send(navigate(launch()).header("Cookie", fixed));
        assertEquals(303, land.statusCode(), land.body());
        String partner = sessionCookie(land);

        // refused by CsrfFilter: 403, which Boot's error dispatch may turn into 401, since the partner's
        // authentication is made afresh on each request and never saved where /error would find it
        int refused = send(logout(partner, fixedToken)).statusCode();
        assertTrue(refused == 403 || refused == 401, "the token known before sign-in is worthless: " + refused);
        String renewed = csrfToken(send(get("/login").header("Cookie", partner)).body());
        assertEquals(204, send(logout(partner, renewed)).statusCode(), "the partner's own page gets a working token");
    }

    @Test
    void partnerOfAnotherKeyLandingInAPartnersBrowserThenAskedAndSessionReplacedOnContinue() throws Exception {
        String first = sessionCookie(send(navigate(launch())));

        HttpResponse<String> asked = send(navigate(launch()).header("Cookie", first));
        assertEquals(200, asked.statusCode(), asked.body());
        assertTrue(asked.body().contains("Switch partner user?"), asked.body());
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(asked.body());
        Matcher nonce = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"").matcher(asked.body());
        assertTrue(action.find() && nonce.find(), asked.body());

        HttpResponse<String> confirmed = send(HttpRequest.newBuilder(uri(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", first)
                .header("Sec-Fetch-Site", "same-origin").header("Origin", "null")
                .POST(HttpRequest.BodyPublishers.ofString("nonce=" + nonce.group(1))));
        assertEquals(303, confirmed.statusCode(), "Spring's CSRF filter does not stand in the switch's way: " + confirmed.body());
        assertFalse(sessionCookie(confirmed).equals(first));
    }

    /** Spring's logout form POST with {@code token} as its {@code _csrf}. */
    private HttpRequest.Builder logout(String cookie, String token) {
        return HttpRequest.newBuilder(uri("/logout")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    private static String csrfToken(String page) {
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertTrue(csrf.find(), page);
        return csrf.group(1);
    }

    @Test
    void hostPageWithoutAnyLoginThenRefusedByTheHostsRules() throws Exception {
        assertEquals(401, send(get("/cpq/opportunities/" + OPPORTUNITY)).statusCode());
    }

    /** Admin creates a key, the PRM authenticates and opens a quote: the launch URL's path and query. */
    private String launch() throws Exception {
        HttpResponse<String> authenticate = authenticate(createKey());
        assertEquals(200, authenticate.statusCode(), authenticate.body());
        String token = field(authenticate.body(), "access_token");
        HttpResponse<String> open = send(post("/api/v1/open/quote",
                "{\"opportunity_id\":\"" + OPPORTUNITY + "\",\"quote_id\":\"Q-42\"}").header("Authorization", "Bearer " + token));
        assertEquals(200, open.statusCode(), open.body());
        URI url = URI.create(field(open.body(), "url"));
        return url.getRawPath() + "?" + url.getRawQuery(); // the public URL is http://localhost; the test host listens on a random port
    }

    private String createKey() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        HttpResponse<String> settings = send(put(ADMIN + "settings", "{\"enabled\":true,\"crm\":\"SALESFORCE\"}")
                .header("Authorization", admin));
        assertEquals(200, settings.statusCode(), settings.body());
        HttpResponse<String> key = send(post(ADMIN + "keys", "{\"name\":\"Acme PRM\",\"allowed_ips\":[]}").header("Authorization", admin));
        assertEquals(201, key.statusCode(), key.body());
        return field(key.body(), "key");
    }

    private HttpResponse<String> authenticate(String key) throws Exception {
        return send(post("/api/v1/authenticate/user", "{\"authentication\":\"" + key + "\",\"user_information\":{"
                + "\"type\":\"partner\",\"user_id\":\"u-1\",\"login\":\"dana@partner.example\","
                + "\"email\":\"dana@partner.example\",\"name\":\"Dana Partner\"}}"));
    }

    /** Signs in through Spring Security's login form; the session cookie of the host login. */
    private String formLogin(String user, String password) throws Exception {
        return formLogin(user, password, null);
    }

    private String formLogin(String user, String password, String cookie) throws Exception {
        HttpResponse<String> form = send(cookie == null ? get("/login") : get("/login").header("Cookie", cookie));
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(csrf.find(), form.body());
        String body = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie == null ? sessionCookie(form) : cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(302, login.statusCode(), login.body());
        assertFalse(login.headers().firstValue("Location").orElseThrow().contains("error"));
        return sessionCookie(login);
    }

    private static String sessionCookie(HttpResponse<?> response) {
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElse(null);
        assertNotNull(setCookie, "no session cookie in " + response.headers());
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

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    /** A GET as a browser's navigation from the PRM sends it, with fetch metadata. */
    private HttpRequest.Builder navigate(String path) {
        return get(path).header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document");
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder put(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
