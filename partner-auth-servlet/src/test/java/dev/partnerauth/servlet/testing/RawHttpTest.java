package dev.partnerauth.servlet.testing;

import static dev.partnerauth.servlet.testing.ContainersTest.text;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RawHttpTest {

    private static final String CLOSE = "Connection: close\r\n";

    // --- parsing, against a socket that answers canned bytes ---

    @Test
    void sendWhenContentLengthResponseThenHeadersCaseInsensitiveAndRepeatedKept() throws Exception {
        try (CannedServer server = new CannedServer("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n"
                + "Content-Length: 5\r\n\r\nhello")) {
            RawHttp.Response response = RawHttp.send(server.uri(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, response.status());
            assertEquals("OK", response.reason());
            assertEquals(List.of("a=1", "b=2"), response.headers("SET-COOKIE"));
            assertEquals("hello", response.bodyText());
        }
    }

    @Test
    void sendWhenChunkedResponseWithExtensionsAndTrailersThenBodyReassembled() throws Exception {
        try (CannedServer server = new CannedServer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")) {
            RawHttp.Response response = RawHttp.send(server.uri(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("hello 0123456789", response.bodyText());
        }
    }

    @Test
    void sendWhenNoLengthThenBodyReadUntilClose() throws Exception {
        try (CannedServer server = new CannedServer("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it")) {
            assertEquals("all of it", RawHttp.send(server.uri(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n").bodyText());
        }
    }

    @Test
    void sendWhenInterimResponseThenFinalReturned() throws Exception {
        try (CannedServer server = new CannedServer("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")) {
            assertEquals(201, RawHttp.send(server.uri(), "POST / HTTP/1.1\r\nHost: x\r\n\r\n").status());
        }
    }

    @Test
    void sendWhenHeadRequestThenBodyNotAwaited() throws Exception {
        try (CannedServer server = new CannedServer("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n")) {
            RawHttp.Response response = RawHttp.send(server.uri(), "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(0, response.body().length);
        }
    }

    @Test
    void readWhenServerSilentThenTimesOut() throws Exception {
        try (CannedServer server = new CannedServer("");
                RawHttp.Connection connection = RawHttp.open(server.uri(), Duration.ofMillis(200))) {
            connection.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThrows(SocketTimeoutException.class, connection::readResponse);
        }
    }

    @Test
    void writeWhenCharacterBeyondOneByteThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> RawHttp.latin1("caf\u00e9 \u20ac"));
    }

    @Test
    void chunkedThenFramesEachNonEmptyChunkAndTerminates() {
        byte[] encoded = RawHttp.chunked("hello".getBytes(UTF_8), new byte[0], new byte[12]);
        String expected = "5\r\nhello\r\nc\r\n" + "\0".repeat(12) + "\r\n0\r\n\r\n";
        assertArrayEquals(expected.getBytes(ISO_8859_1), encoded);
    }

    // --- against the real containers ---

    @ContainerTest
    void sendWhenContainerStreamsResponseThenChunkedBodyReassembled(Containers containers) throws Exception {
        try (ServletContainer server = containers.start(ctx -> ctx.addServlet("streaming", new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain");
                response.getOutputStream().write("first-".getBytes(UTF_8));
                response.flushBuffer();
                response.getOutputStream().write("second".getBytes(UTF_8));
            }
        }).addMapping("/stream"))) {
            // keep-alive: with Connection: close, Jetty delimits the body by closing instead
            RawHttp.Response response = RawHttp.send(server.uri("/stream"),
                    "GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(List.of("chunked"), response.headers("transfer-encoding"));
            assertEquals("first-second", response.bodyText());
        }
    }

    @ContainerTest
    void sendWhenHostForgedThenServletSeesForgedHost(Containers containers) throws Exception {
        try (ServletContainer server = containers.start(ctx -> text(ctx, "/host", HttpServletRequest::getServerName))) {
            RawHttp.Response response = RawHttp.send(server.uri("/host"),
                    "GET /host HTTP/1.1\r\nHost: evil.example\r\n" + CLOSE + "\r\n");
            assertEquals("evil.example", response.bodyText());
        }
    }

    @ContainerTest
    void sendWhenAuthorizationRepeatedThenServletSeesBoth(Containers containers) throws Exception {
        try (ServletContainer server = containers.start(ctx -> text(ctx, "/auth",
                request -> String.join("|", Collections.list(request.getHeaders("Authorization")))))) {
            RawHttp.Response response = RawHttp.send(server.uri("/auth"), "GET /auth HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer one\r\nAuthorization: Bearer two\r\n" + CLOSE + "\r\n");
            assertEquals("Bearer one|Bearer two", response.bodyText());
        }
    }

    @ContainerTest
    void sendWhenChunkedBodyWithInvalidUtf8ThenServletReadsExactBytes(Containers containers) throws Exception {
        try (ServletContainer server = containers.start(ctx -> text(ctx, "/echo", RawHttpTest::hexOfBody))) {
            byte[] body = RawHttp.chunked(new byte[] {'{', (byte) 0xC3}, new byte[] {(byte) 0x28, (byte) 0xFF, '}'});
            RawHttp.Response response = RawHttp.send(server.uri("/echo"), "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n" + CLOSE + "\r\n", body);
            assertEquals("7bc328ff7d", response.bodyText());
        }
    }

    @ContainerTest
    void connectionWhenBodyArrivesInPiecesThenServletReadsWhole(Containers containers) throws Exception {
        CountDownLatch servletEntered = new CountDownLatch(1);
        try (ServletContainer server = containers.start(ctx -> text(ctx, "/echo", request -> {
            servletEntered.countDown();
            return hexOfBody(request);
        }));
                RawHttp.Connection connection = RawHttp.open(server.uri("/echo"))) {
            connection.write("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n" + CLOSE + "\r\n")
                    .write(new byte[] {1, 2});
            assertTrue(servletEntered.await(5, TimeUnit.SECONDS), "servlet runs before the body is complete");
            connection.write(new byte[] {3, 4});
            assertEquals("01020304", connection.readResponse().bodyText());
        }
    }

    @ContainerTest
    void awaitPeerCloseWhenConnectionCloseRequestedThenTrue(Containers containers) throws Exception {
        try (ServletContainer server = containers.start(ctx -> {});
                RawHttp.Connection connection = RawHttp.open(server.uri("/"))) {
            connection.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + CLOSE + "\r\n");
            assertEquals(404, connection.readResponse().status());
            assertTrue(connection.awaitPeerClose());
        }
    }

    @ContainerTest
    void awaitPeerCloseWhenKeepAliveThenFalse(Containers containers) throws Exception {
        try (ServletContainer server = containers.start(ctx -> {});
                RawHttp.Connection connection = RawHttp.open(server.uri("/"), Duration.ofMillis(300))) {
            connection.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(404, connection.readResponse().status());
            assertFalse(connection.awaitPeerClose());
        }
    }

    private static String hexOfBody(HttpServletRequest request) {
        try {
            return HexFormat.of().formatHex(request.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts one connection, reads the request head, writes {@code response}, holds until closed. */
    private static final class CannedServer implements AutoCloseable {

        private final ServerSocket socket;
        private final Thread thread;

        CannedServer(String response) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(response.getBytes(ISO_8859_1)), "canned-http");
            thread.setDaemon(true);
            thread.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        private void serve(byte[] response) {
            try (Socket client = socket.accept()) {
                readHead(client.getInputStream());
                if (response.length == 0) {
                    client.getInputStream().readAllBytes(); // silent until the client gives up
                    return;
                }
                client.getOutputStream().write(response);
                client.getOutputStream().flush();
            } catch (IOException closedByTest) {
                // the test closed the listening socket or the client went away
            }
        }

        private static void readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                if (head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
