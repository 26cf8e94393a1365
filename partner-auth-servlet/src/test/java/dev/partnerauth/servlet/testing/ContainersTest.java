package dev.partnerauth.servlet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

class ContainersTest {

    @ContainerTest
    void startThenServesOnRandomPortOfIpv4Loopback(Containers containers) {
        try (ServletContainer server = containers.start(ctx -> text(ctx, "/hello", request -> "hello"))) {
            assertEquals("127.0.0.1", server.baseUri().getHost());
            assertNotEquals(0, server.baseUri().getPort());
            Http.Response response = Http.plain().get(server.uri("/hello"));
            assertEquals(200, response.status());
            assertEquals("hello", response.body());
        }
    }

    @ContainerTest
    void startThenIpv6LoopbackUsesSamePort(Containers containers) {
        try (ServletContainer server = containers.start(ctx -> text(ctx, "/hello", request -> "hello"))) {
            assertEquals("[::1]", server.baseUriIpv6().getHost());
            assertEquals(server.baseUri().getPort(), server.baseUriIpv6().getPort());
        }
    }

    @ContainerTest
    void requestThenFilterFromSetupRunsBeforeServlet(Containers containers) {
        try (ServletContainer server = containers.start(ctx -> {
            addFilter(ctx, (request, response, chain) -> {
                request.setAttribute("seen-by", "filter");
                chain.doFilter(request, response);
            });
            text(ctx, "/hello", request -> String.valueOf(request.getAttribute("seen-by")));
        })) {
            assertEquals("filter", Http.plain().get(server.uri("/hello")).body());
        }
    }

    @ContainerTest
    void postToUnmappedPathThenFilterRunsAndContainerAnswers404(Containers containers) {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        try (ServletContainer server = containers.start(ctx -> addFilter(ctx, (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            seen.add(http.getMethod() + " " + http.getRequestURI());
            chain.doFilter(request, response);
        }))) {
            Http.Response response = Http.plain().post(server.uri("/nowhere"), "{}", Map.of());
            assertEquals(404, response.status());
            assertEquals(List.of("POST /nowhere"), List.copyOf(seen));
        }
    }

    @ContainerTest
    void optionsToUnmappedPathThen404(Containers containers) {
        try (ServletContainer server = containers.start(ctx -> {})) {
            assertEquals(404, Http.plain().options(server.uri("/nowhere"), Map.of()).status());
        }
    }

    @ContainerTest
    void sessionThenCookieRoundTrips(Containers containers) {
        try (ServletContainer server = containers.start(ctx -> text(ctx, "/count", ContainersTest::countVisits))) {
            Http browser = Http.withCookies();
            Http.Response first = browser.get(server.uri("/count"));
            Http.Response second = browser.get(server.uri("/count"));
            assertTrue(first.header("Set-Cookie").orElseThrow().startsWith("JSESSIONID="), first.headers().toString());
            assertEquals("1", first.body());
            assertEquals("2", second.body());
        }
    }

    @ContainerTest
    void sessionCookieConfigFromSetupThenCookieRenamed(Containers containers) {
        try (ServletContainer server = containers.start(ctx -> {
            ctx.getSessionCookieConfig().setName("PASESSION");
            text(ctx, "/count", ContainersTest::countVisits);
        })) {
            Http.Response response = Http.plain().get(server.uri("/count"));
            assertTrue(response.header("Set-Cookie").orElseThrow().startsWith("PASESSION="));
        }
    }

    @ContainerTest
    void initParameterFromSetupThenVisibleToServlet(Containers containers) {
        try (ServletContainer server = containers.start(ctx -> {
            ctx.setInitParameter("greeting", "hi");
            text(ctx, "/greeting", request -> request.getServletContext().getInitParameter("greeting"));
        })) {
            assertEquals("hi", Http.plain().get(server.uri("/greeting")).body());
        }
    }

    /** The library parsing getRemoteAddr() must accept both spellings: Jetty 12 brackets IPv6. */
    @ContainerTest
    void requestViaIpv6LoopbackThenRemoteAddrIsIpv6Loopback(Containers containers) {
        try (ServletContainer server = containers.start(ctx -> text(ctx, "/addr", HttpServletRequest::getRemoteAddr))) {
            String remote = Http.plain().get(URI.create(server.baseUriIpv6() + "/addr")).body();
            String expected = containers == Containers.JETTY ? "[0:0:0:0:0:0:0:1]" : "0:0:0:0:0:0:0:1";
            assertEquals(expected, remote);
        }
    }

    @ContainerTest
    void forwardingHeadersThenRemoteAddrNotRewritten(Containers containers) {
        try (ServletContainer server = containers.start(ctx -> text(ctx, "/addr", HttpServletRequest::getRemoteAddr))) {
            Http.Response response = Http.plain().get(server.uri("/addr"), Map.of(
                    "X-Forwarded-For", "203.0.113.7",
                    "Forwarded", "for=203.0.113.7"));
            assertEquals("127.0.0.1", response.body());
        }
    }

    @ContainerTest
    void closeThenPortReleasedOnBothAddresses(Containers containers) throws IOException {
        ServletContainer server = containers.start(ctx -> {});
        int port = server.baseUri().getPort();
        server.close();
        for (String address : List.of("127.0.0.1", "::1")) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            }
        }
    }

    @ContainerTest
    void startWhenSetupThrowsThenFailsWithThatCause(Containers containers) {
        IllegalArgumentException broken = new IllegalArgumentException("broken setup");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> containers.start(ctx -> {
            throw broken;
        }));
        assertSame(broken, failure.getCause());
    }

    @ContainerTest
    void startWhenFilterInitFailsThenFails(Containers containers) {
        Filter failing = new Filter() {
            @Override
            public void init(FilterConfig config) throws ServletException {
                throw new ServletException("filter refuses to start");
            }

            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) {}
        };
        assertThrows(IllegalStateException.class, () -> containers.start(ctx -> addFilter(ctx, failing)));
    }

    private static String countVisits(HttpServletRequest request) {
        HttpSession session = request.getSession();
        Integer visits = (Integer) session.getAttribute("visits");
        int next = visits == null ? 1 : visits + 1;
        session.setAttribute("visits", next);
        return String.valueOf(next);
    }

    static void addFilter(ServletContext ctx, Filter filter) {
        ctx.addFilter("test-filter", filter).addMappingForUrlPatterns(null, false, "/*");
    }

    /** Maps a servlet at {@code path} answering any method with {@code 200 text/plain}. */
    static void text(ServletContext ctx, String path, Function<HttpServletRequest, String> body) {
        ctx.addServlet("text " + path, new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write(body.apply(request));
            }
        }).addMapping(path);
    }
}
