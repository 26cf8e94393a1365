package dev.partnerauth.servlet.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A raw-socket HTTP/1.1 client for hostile requests that {@code java.net.http.HttpClient}
 * refuses to send: a forged {@code Host}, repeated headers, hand-made chunked bodies, invalid
 * UTF-8, a body delivered in pieces at moments the test chooses.
 *
 * <p>What the test writes goes on the wire byte for byte: nothing is added, not even the blank
 * line ending the head. Strings are written as ISO-8859-1, one byte per character, so
 * {@code "\u00ff"} sends the byte {@code 0xFF}; characters above {@code \u00ff} are refused.
 *
 * <pre>{@code
 * RawHttp.Response r = RawHttp.send(server.uri("/x"),
 *         "POST /x HTTP/1.1\r\nHost: evil.example\r\nContent-Length: 2\r\nConnection: close\r\n\r\n",
 *         "{}".getBytes(UTF_8));
 * }</pre>
 *
 * <p>Every read is bounded by a deadline ({@link #DEFAULT_TIMEOUT} unless given), so a test
 * whose server never answers fails with {@link SocketTimeoutException} instead of hanging.
 */
public final class RawHttp {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private RawHttp() {}

    /** Sends {@code head} on a new connection and returns the first final (non-1xx) response. */
    public static Response send(URI server, String head) throws IOException {
        return send(server, head, new byte[0]);
    }

    /**
     * Sends {@code head} then {@code body} on a new connection and returns the first final
     * (non-1xx) response. If the server answers and closes before taking the whole body, the
     * failed write is ignored and that answer returned. A response to {@code HEAD} is read
     * without a body.
     */
    public static Response send(URI server, String head, byte[] body) throws IOException {
        try (Connection connection = open(server)) {
            IOException writeFailure = null;
            try {
                connection.write(head).write(body);
            } catch (IOException e) {
                writeFailure = e;
            }
            try {
                boolean headRequest = head.startsWith("HEAD ");
                Response response;
                do {
                    response = headRequest ? connection.readResponseWithoutBody() : connection.readResponse();
                } while (response.status() >= 100 && response.status() < 200 && response.status() != 101);
                return response;
            } catch (IOException readFailure) {
                if (writeFailure != null) {
                    writeFailure.addSuppressed(readFailure);
                    throw writeFailure;
                }
                throw readFailure;
            }
        }
    }

    /** Opens a connection to the host and port of {@code server} with the default timeout. */
    public static Connection open(URI server) throws IOException {
        return open(server, DEFAULT_TIMEOUT);
    }

    /** Opens a connection; {@code timeout} bounds the connect and each response read. */
    public static Connection open(URI server, Duration timeout) throws IOException {
        Objects.requireNonNull(server, "server");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        int port = server.getPort() != -1 ? server.getPort() : 80;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(server.getHost(), port), (int) timeout.toMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new Connection(socket, timeout);
    }

    /**
     * Encodes {@code chunks} as a chunked message body, including the terminating zero-size
     * chunk; empty chunks are skipped since a zero size would end the body early.
     */
    public static byte[] chunked(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            if (chunk.length == 0) {
                continue;
            }
            out.writeBytes(latin1(Integer.toHexString(chunk.length) + "\r\n"));
            out.writeBytes(chunk);
            out.writeBytes(latin1("\r\n"));
        }
        out.writeBytes(latin1("0\r\n\r\n"));
        return out.toByteArray();
    }

    static byte[] latin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(
                        "character at index " + i + " does not fit in one byte; write bytes instead");
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * One TCP connection: write pieces, pause however the test likes (a latch the server side
     * counts down, not a sleep), write more, read responses. Not thread-safe.
     */
    public static final class Connection implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;
        private final DeadlineInput in;
        private final Duration timeout;

        private Connection(Socket socket, Duration timeout) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new DeadlineInput(socket);
            this.timeout = timeout;
        }

        /** Writes {@code text} as ISO-8859-1 and flushes it onto the wire. */
        public Connection write(String text) throws IOException {
            return write(latin1(text));
        }

        /** Writes {@code bytes} and flushes them onto the wire. */
        public Connection write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        /** Half-closes the connection: the server reads end-of-stream, responses can still be read. */
        public Connection shutdownOutput() throws IOException {
            socket.shutdownOutput();
            return this;
        }

        /** Reads the next response, interim (1xx) ones included. */
        public Response readResponse() throws IOException {
            return read(true);
        }

        /** Reads the next response's status line and headers only, as for a {@code HEAD} request. */
        public Response readResponseWithoutBody() throws IOException {
            return read(false);
        }

        /**
         * Discards input until the server closes the connection; {@code true} if it did within
         * the timeout (a reset counts as closed), {@code false} if it kept it open.
         */
        public boolean awaitPeerClose() throws IOException {
            in.startDeadline(timeout);
            byte[] discard = new byte[8192];
            try {
                while (in.read(discard) != -1) {
                    // draining until end-of-stream
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true;
            }
        }

        private Response read(boolean bodyAllowed) throws IOException {
            in.startDeadline(timeout);
            String statusLine = readLine(in);
            if (statusLine == null) {
                throw new EOFException("connection closed before a response arrived");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status line: " + statusLine, e);
            }
            String reason = parts.length == 3 ? parts[2] : "";
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            readFields(in, headers);

            byte[] body;
            boolean noBody = !bodyAllowed || status < 200 || status == 204 || status == 304;
            if (noBody) {
                body = new byte[0];
            } else if (isChunked(headers)) {
                body = readChunked(in);
            } else if (headers.containsKey("Content-Length")) {
                body = readExactly(in, contentLength(headers));
            } else {
                body = readToEnd(in);
            }
            return new Response(parts[0], status, reason, headers, body);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * A response as received. Header names are case-insensitive; {@code headers} keeps every
     * value of a repeated header, in order. Chunked bodies are returned reassembled, with
     * {@code Transfer-Encoding} left in the headers to show how they came.
     */
    public record Response(String version, int status, String reason, Map<String, List<String>> headers, byte[] body) {

        public Response {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            headers = Collections.unmodifiableMap(copy);
            body = body.clone();
        }

        /** The first value of header {@code name}. */
        public Optional<String> header(String name) {
            return headers(name).stream().findFirst();
        }

        /** Every value of header {@code name}, empty if absent. */
        public List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** The body decoded as UTF-8 (malformed input replaced, never rejected). */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Response that
                    && version.equals(that.version) && status == that.status && reason.equals(that.reason)
                    && headers.equals(that.headers) && Arrays.equals(body, that.body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, status, reason, headers, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            return version + " " + status + " " + reason + " " + headers + " (" + body.length + " body bytes)";
        }
    }

    private static boolean isChunked(Map<String, List<String>> headers) {
        List<String> codings = headers.getOrDefault("Transfer-Encoding", List.of());
        if (codings.isEmpty()) {
            return false;
        }
        String last = codings.get(codings.size() - 1);
        String[] tokens = last.split(",");
        return tokens[tokens.length - 1].trim().toLowerCase(Locale.ROOT).equals("chunked");
    }

    private static int contentLength(Map<String, List<String>> headers) throws IOException {
        List<String> values = headers.get("Content-Length");
        String first = values.get(0).trim();
        for (String value : values) {
            if (!value.trim().equals(first)) {
                throw new IOException("conflicting Content-Length values: " + values);
            }
        }
        long length;
        try {
            length = Long.parseLong(first);
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + first, e);
        }
        if (length < 0 || length > MAX_BODY) {
            throw new IOException("Content-Length out of range: " + length);
        }
        return (int) length;
    }

    private static void readFields(InputStream in, Map<String, List<String>> into) throws IOException {
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        if (line == null) {
            throw new EOFException("connection closed inside the header section");
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new EOFException("connection closed before the last chunk");
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size line: " + sizeLine, e);
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY) {
                throw new IOException("chunked body too large");
            }
            if (size == 0) {
                // trailer fields are read so the connection is left at the next response, then dropped
                readFields(in, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
                return body.toByteArray();
            }
            body.writeBytes(readExactly(in, size));
            String end = readLine(in);
            if (end == null || !end.isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("body ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IOException("body larger than " + MAX_BODY + " bytes");
        }
        return bytes;
    }

    /** A line without its terminator (CRLF or a bare LF), ISO-8859-1; {@code null} at end-of-stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new EOFException("connection closed inside a line");
        }
        return null;
    }

    /**
     * Buffered socket input whose reads share one deadline, so a server trickling bytes cannot
     * stretch a read past the timeout the way a per-read {@code SO_TIMEOUT} alone would allow.
     */
    private static final class DeadlineInput extends InputStream {

        private final Socket socket;
        private final InputStream in;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;
        private long deadlineNanos;

        DeadlineInput(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        void startDeadline(Duration timeout) {
            deadlineNanos = System.nanoTime() + timeout.toNanos();
        }

        @Override
        public int read() throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            return buffer[position++] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position == limit && !fill()) {
                return -1;
            }
            int count = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, count);
            position += count;
            return count;
        }

        private boolean fill() throws IOException {
            long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new SocketTimeoutException("no complete response within the timeout");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            int count = in.read(buffer, 0, buffer.length);
            if (count == -1) {
                return false;
            }
            position = 0;
            limit = count;
            return true;
        }
    }
}
