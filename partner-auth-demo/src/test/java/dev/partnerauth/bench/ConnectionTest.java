package dev.partnerauth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConnectionTest {
    private static Connection.Reply read(String raw) throws IOException {
        return Connection.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void replyWithContentLengthGivesStatusAndBody() throws IOException {
        Connection.Reply reply = read("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");

        assertEquals(200, reply.status());
        assertEquals("hello", reply.body());
        assertFalse(reply.close());
    }

    @Test
    void chunkedReplyIsJoined() throws IOException {
        Connection.Reply reply = read("HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\n{\"to\r\n6;ext=1\r\nken\":1\r\n0\r\n\r\n");

        assertEquals("{\"token\":1", reply.body());
    }

    @Test
    void redirectGivesItsLocationAndConnectionCloseIsReported() throws IOException {
        Connection.Reply reply = read("HTTP/1.1 302 \r\nLocation: http://127.0.0.1/login?error\r\n"
                + "Connection: close\r\nContent-Length: 0\r\n\r\n");

        assertEquals(302, reply.status());
        assertEquals("http://127.0.0.1/login?error", reply.location());
        assertTrue(reply.close());
    }

    @Test
    void bodyCutShortIsAnError() {
        IOException e = assertThrows(IOException.class, () -> read("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhello"));
        assertTrue(e.getMessage().contains("inside a body"), e.getMessage());
    }

    @Test
    void chunkCutShortIsAnError() {
        assertThrows(IOException.class, () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nhel"));
    }

    @Test
    void replyWithoutLengthIsAnError() {
        IOException e = assertThrows(IOException.class, () -> read("HTTP/1.1 200 OK\r\n\r\nhello"));
        assertTrue(e.getMessage().contains("neither Content-Length nor chunked"), e.getMessage());
    }

    @Test
    void somethingElseThanHttpIsAnError() {
        assertThrows(IOException.class, () -> read("SSH-2.0-OpenSSH\r\n\r\n"));
    }

    @Test
    void closedBeforeAnyByteIsAnError() {
        IOException e = assertThrows(IOException.class, () -> read(""));
        assertEquals("connection closed", e.getMessage());
    }

    @Test
    @Timeout(10)
    void aServerThatNeverAnswersEndsInATimeoutNotAHang() throws IOException {
        // nobody accepts: the kernel completes the handshake and takes the request, and no reply comes
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Connection connection = new Connection("127.0.0.1", silent.getLocalPort(), 200)) {
            byte[] request = Scenario.form(URI.create("http://127.0.0.1:" + silent.getLocalPort()), "/x", "k=v");

            assertThrows(SocketTimeoutException.class, () -> connection.send(request));
        }
    }

    @Test
    void sendOpensANewConnectionAfterTheServerClosedOne() throws IOException {
        try (CannedServer server = new CannedServer(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na", CannedServer.ok("b"));
             Connection connection = new Connection("127.0.0.1", server.base().getPort())) {
            byte[] request = Scenario.form(server.base(), "/x", "k=v");

            assertEquals("a", connection.send(request).body());
            assertEquals("b", connection.send(request).body());
            assertEquals(2, server.requestLines.size());
        }
    }
}
