package dev.partnerauth.demo.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.demo.RunningServer;
import dev.partnerauth.demo.SecurityHeaders;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StaticResourcesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new StaticResources(SecurityHeaders.CPQ, "style.css", "admin.js"), "/static/*");
        context.addServlet(StaticResources.page(SecurityHeaders.CPQ, "admin.html"), "/admin/api-settings");
        server = RunningServer.start(context);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void styleCssServedAsTextCss() throws Exception {
        HttpResponse<String> response = get("/static/style.css");

        assertEquals(200, response.statusCode());
        assertEquals("text/css;charset=utf-8", contentType(response));
        assertTrue(response.body().contains(".status"));
    }

    @Test
    void adminJsServedAsJavascript() throws Exception {
        HttpResponse<String> response = get("/static/admin.js");

        assertEquals(200, response.statusCode());
        assertEquals("text/javascript;charset=utf-8", contentType(response));
    }

    @Test
    void responsesCarryCpqSecurityHeaders() throws Exception {
        HttpResponse<String> response = get("/static/admin.js");

        assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none';"
                + " base-uri 'none'; form-action 'self'",
                response.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("same-origin", response.headers().firstValue("Referrer-Policy").orElseThrow());
    }

    @Test
    void pageServesItsOneFileAtItsMapping() throws Exception {
        HttpResponse<String> response = get("/admin/api-settings");

        assertEquals(200, response.statusCode());
        assertEquals("text/html;charset=utf-8", contentType(response));
        assertTrue(response.body().contains("<title>API Settings"));
    }

    @Test
    void getWhenFileNotNamedAtConstructionThenNotFound() throws Exception {
        assertEquals(404, get("/static/admin.html").statusCode());
    }

    @Test
    void getWhenPathHasNoFileNameThenNotFound() throws Exception {
        assertEquals(404, get("/static/").statusCode());
    }

    @Test
    void constructWhenFileNotOnClasspathThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StaticResources(SecurityHeaders.CPQ, "missing.css"));
    }

    @Test
    void constructWhenNameIsAPathThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new StaticResources(SecurityHeaders.CPQ, "../static/style.css"));
    }

    @Test
    void constructWhenTypeUnknownThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StaticResources(SecurityHeaders.CPQ, "style.exe"));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase();
    }
}
