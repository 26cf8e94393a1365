package dev.partnerauth.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * A loopback server that answers each request with the next of a fixed list of raw responses, and
 * records the request lines it got, for tests of the load generator against replies a real
 * container gives (redirects, {@code Connection: close}, chunked bodies).
 */
final class CannedServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Deque<String> replies;
    final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());
    final List<String> requestBodies = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    CannedServer(String... replies) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.replies = new ArrayDeque<>(List.of(replies));
        this.thread = new Thread(this::serve, "canned-server");
        thread.setDaemon(true);
        thread.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    String head = head(in);
                    if (head == null) {
                        break;
                    }
                    requestLines.add(head.lines().findFirst().orElse(""));
                    requestBodies.add(new String(in.readNBytes(contentLength(head)), StandardCharsets.UTF_8));
                    String reply;
                    synchronized (replies) {
                        reply = replies.poll();
                    }
                    if (reply == null) {
                        break;
                    }
                    out.write(reply.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (reply.toLowerCase(Locale.ROOT).contains("connection: close")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the test closed the server, or the client went away
            }
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static String redirect(String location) {
        return "HTTP/1.1 302 \r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
