package dev.partnerauth.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop HTTP/1.1 load generator with a fixed number of keep-alive connections, one thread
 * each, for loopback runs against the demo or {@link BareServer}. Every run is bounded: a warm-up,
 * then a measured period, then it stops.
 *
 * <pre>
 * HttpLoad setup BASE_URL                      creates a key and enables the authenticator
 *                                              (admin password from DEMO_ADMIN_PASSWORD); prints the key
 * HttpLoad auth  BASE_URL KEY CONNS SECS WARMUP    POST authenticate/user, 1 000 users in turn
 * HttpLoad pair  BASE_URL KEY CONNS SECS WARMUP    authenticate/user then open/quote with its token
 * HttpLoad bare  BASE_URL CONNS SECS WARMUP        the same authenticate body to any URL (the ceiling)
 * </pre>
 */
public final class HttpLoad {
    private static final Pattern TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

    private HttpLoad() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI base = URI.create(args[1]);
        if (mode.equals("setup")) {
            System.out.println(setup(base));
            return;
        }
        int at = mode.equals("bare") ? 2 : 3;
        String key = mode.equals("bare") ? "pak_AbCdEfGh1234_0123456789012345678901abcdef" : args[2];
        int connections = Integer.parseInt(args[at]);
        int seconds = Integer.parseInt(args[at + 1]);
        int warmup = Integer.parseInt(args[at + 2]);
        run(mode, base, key, connections, seconds, warmup);
    }

    private static String setup(URI base) throws Exception {
        String password = System.getenv("DEMO_ADMIN_PASSWORD");
        if (password == null) {
            throw new IllegalStateException("set DEMO_ADMIN_PASSWORD");
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newHttpClient();
        String admin = base + "/api/v1/admin/partner-auth/";
        HttpResponse<String> settings = client.send(HttpRequest.newBuilder(URI.create(admin + "settings"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(admin + "keys"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"load run\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"key\":\"([^\"]+)\"").matcher(created.body());
        if (settings.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("setup failed: settings " + settings.statusCode() + ", key "
                    + created.statusCode() + " " + created.body());
        }
        return m.group(1);
    }

    private static void run(String mode, URI base, String key, int connections, int seconds, int warmup)
            throws InterruptedException {
        String path = mode.equals("bare") ? base.getPath() : base.getPath() + "/api/v1/authenticate/user";
        byte[][] authenticate = new byte[1000][];
        for (int i = 0; i < authenticate.length; i++) {
            String body = "{\"authentication\":\"" + key + "\",\"user_information\":{\"type\":\"partner\","
                    + "\"user_id\":\"prm-user-" + i + "\",\"login\":\"user" + i + "@partner.example\","
                    + "\"email\":\"user" + i + "@partner.example\",\"name\":\"Partner User " + i + "\","
                    + "\"company\":\"Partner Co\"}}";
            authenticate[i] = request(base, path.isEmpty() ? "/" : path, body, null);
        }
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicInteger errors = new AtomicInteger();
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            // spread the connections over the users, so that every user's first sign-in falls in the warm-up
            int firstUser = c * Math.max(1, authenticate.length / connections);
            Worker w = new Worker(c, firstUser, mode.equals("pair"), base, authenticate, measureFrom, end, errors);
            workers.add(w);
            w.start();
        }
        long[] all = new long[0];
        int n = 0;
        for (Worker w : workers) {
            w.join();
            all = Arrays.copyOf(all, n + w.count);
            System.arraycopy(w.latencies, 0, all, n, w.count);
            n += w.count;
        }
        Arrays.sort(all, 0, n);
        System.out.printf(Locale.ROOT, "%s %s: %d connections, %d s measured after %d s warm-up%n", mode, base,
                connections, seconds, warmup);
        System.out.printf(Locale.ROOT, "  %s/s %.0f   p50 %.2f ms   p90 %.2f ms   p99 %.2f ms   max %.2f ms   errors %d%n",
                mode.equals("pair") ? "pairs" : "requests", n / (double) seconds, pct(all, n, 0.50), pct(all, n, 0.90),
                pct(all, n, 0.99), n == 0 ? 0 : all[n - 1] / 1e6, errors.get());
        for (Worker w : workers) {
            if (w.firstError != null) {
                System.out.println("  first error: " + w.firstError);
                break;
            }
        }
    }

    private static double pct(long[] sorted, int n, double q) {
        return n == 0 ? 0 : sorted[Math.min(n - 1, (int) Math.ceil(q * n) - 1)] / 1e6;
    }

    static byte[] request(URI base, String path, String body, String bearer) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n"
                + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n") + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(h, h.length + b.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }

    /** One keep-alive connection in a closed loop. */
    private static final class Worker extends Thread {
        private final int firstUser;
        private final boolean pair;
        private final URI base;
        private final byte[][] authenticate;
        private final long measureFrom;
        private final long end;
        private final AtomicInteger errors;
        long[] latencies = new long[1 << 14];
        int count;
        String firstError;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        Worker(int id, int firstUser, boolean pair, URI base, byte[][] authenticate, long measureFrom, long end,
               AtomicInteger errors) {
            super("load-" + id);
            this.firstUser = firstUser;
            this.pair = pair;
            this.base = base;
            this.authenticate = authenticate;
            this.measureFrom = measureFrom;
            this.end = end;
            this.errors = errors;
        }

        @Override
        public void run() {
            int i = firstUser;
            String launchPath = base.getPath() + "/api/v1/open/quote";
            try {
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    i++;
                    boolean ok;
                    String body = exchange(authenticate[i % authenticate.length]);
                    ok = body != null;
                    if (ok && pair) {
                        Matcher m = TOKEN.matcher(body);
                        ok = m.find() && exchange(request(base, launchPath, "{\"opportunity_id\":\"OPP-" + i
                                + "\",\"quote_id\":\"Q-" + i + "\"}", m.group(1))) != null;
                    }
                    long t1 = System.nanoTime();
                    if (!ok) {
                        errors.incrementAndGet();
                        close();
                    } else if (t0 >= measureFrom) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = t1 - t0;
                    }
                }
            } finally {
                close();
            }
        }

        /** Sends one request and returns the body of a 200 response, or {@code null}. */
        private String exchange(byte[] request) {
            try {
                if (socket == null) {
                    socket = new Socket(base.getHost(), base.getPort());
                    socket.setTcpNoDelay(true);
                    out = socket.getOutputStream();
                    in = new BufferedInputStream(socket.getInputStream(), 8192);
                }
                out.write(request);
                out.flush();
                String head = readHead();
                int status = Integer.parseInt(head.substring(9, 12));
                int length = -1;
                boolean closing = false;
                for (String line : head.split("\r\n")) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(lower.substring(15).trim());
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        closing = true;
                    }
                }
                if (length < 0) {
                    throw new IOException("no Content-Length: " + head);
                }
                byte[] body = in.readNBytes(length);
                if (closing) {
                    close();
                }
                if (status != 200) {
                    fail("HTTP " + status + " " + new String(body, StandardCharsets.UTF_8));
                    return null;
                }
                return new String(body, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                fail(e.toString());
                close();
                return null;
            }
        }

        private String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream(256);
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        private void fail(String why) {
            if (firstError == null) {
                firstError = why.length() > 300 ? why.substring(0, 300) : why;
            }
        }

        private void close() {
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
}
