package dev.partnerauth.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection, opened on first use and again after the server closed it
 * (Tomcat closes after 100 requests by default, Jetty does not), so that the load generator pays
 * for exactly what a real client of that server would.
 */
final class Connection implements Closeable {
    /** Far above any latency worth measuring, so that a stuck server ends a run instead of hanging it. */
    static final int TIMEOUT_MILLIS = 30_000;
    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    Connection(String host, int port) {
        this(host, port, TIMEOUT_MILLIS);
    }

    Connection(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** What the load generator reads of a response; {@code close} when the server said it closes. */
    record Reply(int status, String location, String body, boolean close) {
    }

    Reply send(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }
        out.write(request);
        out.flush();
        Reply reply = read(in);
        if (reply.close()) {
            close();
        }
        return reply;
    }

    /** Reads one response; its body comes with a Content-Length or chunked. */
    static Reply read(InputStream in) throws IOException {
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 ") || head.length() < 12) {
            throw new IOException("not an HTTP/1.1 response: " + head.lines().findFirst().orElse(""));
        }
        int status;
        try {
            status = Integer.parseInt(head.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + head.lines().findFirst().orElse(""), e);
        }
        int length = -1;
        boolean chunked = false;
        boolean closing = false;
        String location = null;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Integer.parseInt(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closing = value.toLowerCase(Locale.ROOT).contains("close");
                case "location" -> location = value;
                default -> {
                    // the load generator needs no other header
                }
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked(in);
        } else if (length >= 0) {
            body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("connection closed inside a body");
            }
        } else {
            throw new IOException("neither Content-Length nor chunked: " + head.lines().findFirst().orElse(""));
        }
        return new Reply(status, location, new String(body, StandardCharsets.UTF_8), closing);
    }

    /** The head, blank line included. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(head.size() == 0 ? "connection closed" : "connection closed inside a response head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 65536) {
                throw new IOException("response head over 64 KiB");
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            int semicolon = size.indexOf(';');
            int n;
            try {
                n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + size, e);
            }
            if (n == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers are of no interest
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(n);
            if (chunk.length < n) {
                throw new IOException("connection closed inside a chunk");
            }
            body.write(chunk);
            if (!readLine(in).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
            if (line.length() > 1024) {
                throw new IOException("chunk line over 1 KiB");
            }
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
