package dev.partnerauth.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one connection does in one turn of the closed loop, for one server. Both products are
 * driven alike: a "pair" is a sign-in that yields a one-time credential plus its redemption, on
 * the same connection, timed together.
 */
enum Scenario {
    /** The authenticate body to a servlet that answers fixed JSON: the container's ceiling. */
    BARE("bare", "requests") {
        @Override
        String turn(Connection c, Target t, int user) throws IOException {
            return expect200(c.send(t.first(user)));
        }
    },
    /** Our mint alone: {@code POST /api/v1/authenticate/user}. */
    AUTH("auth", "requests") {
        @Override
        String turn(Connection c, Target t, int user) throws IOException {
            return expect200(c.send(t.first(user)));
        }
    },
    /** Our pair: authenticate/user, then {@code POST /api/v1/open/quote} with the fresh token. */
    PAIR("pair", "pairs") {
        @Override
        String turn(Connection c, Target t, int user) throws IOException {
            Opened opened = signInAndOpen(c, t, user);
            return opened.failure() != null ? opened.failure() : expect200(opened.reply());
        }
    },
    /**
     * A real browser's first three requests: authenticate/user, open/quote with its token, then
     * the landing {@code GET} of the URL that open/quote answered, whose launch code is redeemed
     * there (the session's grounds checked, the session created) and answered with a redirect to
     * the same page without the code. Timed as one turn; the landing's own cost is this turn's
     * minus a pair's.
     */
    LANDING("landing", "landings") {
        @Override
        String turn(Connection c, Target t, int user) throws IOException {
            Opened opened = signInAndOpen(c, t, user);
            if (opened.failure() != null) {
                return opened.failure();
            }
            String url = value(opened.reply(), LAUNCH_URL);
            if (url == null) {
                return "no url: " + describe(opened.reply());
            }
            URI launch = URI.create(url);
            Connection.Reply landed = c.send(navigate(t.base(), launch.getRawPath() + "?" + launch.getRawQuery()));
            boolean redeemed = (landed.status() == 302 || landed.status() == 303) && landed.location() != null && !landed.location().contains("launch=");
            return redeemed ? null : "landing refused: " + describe(landed);
        }
    },
    /** Spring's generate alone: {@code POST /ott/generate}, {@code username=...}. */
    SPRING_GENERATE("spring-generate", "requests") {
        @Override
        String turn(Connection c, Target t, int user) throws IOException {
            Connection.Reply generated = c.send(t.first(user));
            return value(generated, SPRING_TOKEN) == null ? "no token: " + describe(generated) : null;
        }
    },
    /**
     * Spring's pair: generate, then {@code POST /login/ott}, {@code token=...}, whose success is
     * its default redirect to {@code /} (a failure redirects to {@code /login?error}). The session
     * it creates is never used again, as ours is not.
     */
    SPRING_PAIR("spring-pair", "pairs") {
        @Override
        String turn(Connection c, Target t, int user) throws IOException {
            Connection.Reply generated = c.send(t.first(user));
            String token = value(generated, SPRING_TOKEN);
            if (token == null) {
                return "no token: " + describe(generated);
            }
            Connection.Reply login = c.send(form(t.base(), t.base().getPath() + "/login/ott", "token=" + token));
            boolean signedIn = login.status() == 302 && login.location() != null && !login.location().contains("error");
            return signedIn ? null : "login refused: " + describe(login);
        }
    };

    static final int USERS = 1000;
    /** Well-formed but issued by nobody: the body {@code bare} sends, the same size as a real one. */
    static final String UNISSUED_KEY = "pak_AbCdEfGh1234_0123456789012345678901abcdef";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    private static final Pattern LAUNCH_URL = Pattern.compile("\"url\":\"([^\"]+)\"");
    private static final Pattern SPRING_TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    final String label;
    /** What one turn counts as in the printed rate. */
    final String unit;

    Scenario(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** One turn for {@code user}; {@code null} when it went as a real client expects, else why not. */
    abstract String turn(Connection c, Target t, int user) throws IOException;

    static Scenario named(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario '" + label + "'; one of "
                        + Arrays.stream(values()).map(s -> s.label).toList()));
    }

    /** A scenario aimed at one server, its first requests built once for each of the 1 000 users. */
    record Target(Scenario scenario, String label, URI base, byte[][] firstRequests) {
        static Target of(Scenario scenario, URI base, String key) {
            return of(scenario, scenario.label, base, key);
        }

        /** {@code label} tells two servers apart under one scenario ({@code pair} and {@code pair~before}). */
        static Target of(Scenario scenario, String label, URI base, String key) {
            byte[][] first = new byte[USERS][];
            String[] keys = key.split(",");
            for (int i = 0; i < USERS; i++) {
                first[i] = switch (scenario) {
                    case BARE -> json(base, base.getPath().isEmpty() ? "/" : base.getPath(), authenticateBody(key, i), null);
                    // several keys (KEY,KEY,...): user i signs in with key i mod n, one partner each
                    case AUTH, PAIR, LANDING -> json(base, base.getPath() + "/api/v1/authenticate/user",
                            authenticateBody(keys[i % keys.length], i), null);
                    case SPRING_GENERATE, SPRING_PAIR -> form(base, base.getPath() + "/ott/generate", "username=prm-user-" + i);
                };
            }
            return new Target(scenario, label, base, first);
        }

        byte[] first(int user) {
            return firstRequests[Math.floorMod(user, firstRequests.length)];
        }
    }

    /** What {@link #signInAndOpen} got: the open/quote reply, or why there was none. */
    private record Opened(Connection.Reply reply, String failure) {
    }

    /** Our pair's two requests: authenticate/user, then open/quote with the fresh token. */
    private static Opened signInAndOpen(Connection c, Target t, int user) throws IOException {
        Connection.Reply minted = c.send(t.first(user));
        String token = value(minted, ACCESS_TOKEN);
        if (token == null) {
            return new Opened(null, "no access_token: " + describe(minted));
        }
        // each user reopens its own opportunity: the demo's owner table (first partner wins)
        // then stops growing after the warm-up instead of gaining a row per pair
        int n = Math.floorMod(user, USERS);
        return new Opened(c.send(json(t.base(), t.base().getPath() + "/api/v1/open/quote",
                "{\"opportunity_id\":\"OPP-" + n + "\",\"quote_id\":\"Q-" + n + "\"}", token)), null);
    }

    static String authenticateBody(String key, int i) {
        return "{\"authentication\":\"" + key + "\",\"user_information\":{\"type\":\"partner\","
                + "\"user_id\":\"prm-user-" + i + "\",\"login\":\"user" + i + "@partner.example\","
                + "\"email\":\"user" + i + "@partner.example\",\"name\":\"Partner User " + i + "\","
                + "\"company\":\"Partner Co\"}}";
    }

    static byte[] json(URI base, String path, String body, String bearer) {
        return post(base, path, "application/json", body,
                bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n");
    }

    /** A browser's navigation: no body, and no cookie, as on a first visit. */
    static byte[] get(URI base, String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: text/html\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A GET as a browser's navigation from the PRM sends it (fetch metadata: without it, the continue page). */
    static byte[] navigate(URI base, String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAccept: text/html\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\n"
                + "Sec-Fetch-Dest: document\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] form(URI base, String path, String body) {
        return post(base, path, "application/x-www-form-urlencoded", body, "");
    }

    private static byte[] post(URI base, String path, String type, String body, String extraHeaders) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length + "\r\n" + extraHeaders + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(h, h.length + b.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }

    private static String value(Connection.Reply reply, Pattern field) {
        if (reply.status() != 200) {
            return null;
        }
        Matcher m = field.matcher(reply.body());
        return m.find() ? m.group(1) : null;
    }

    private static String expect200(Connection.Reply reply) {
        return reply.status() == 200 ? null : describe(reply);
    }

    private static String describe(Connection.Reply reply) {
        return "HTTP " + reply.status() + (reply.location() == null ? "" : " to " + reply.location()) + " " + reply.body();
    }
}
