package dev.partnerauth.demo;

import dev.partnerauth.allowlist.ForwardedHeader;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's command-line flags. The interface is fixed: other tools start the demo with them.
 *
 * @param publicUrl {@code null} for the default {@code http://localhost:<port>}
 * @param jdbcUrl   {@code null} for the default embedded H2 database in the data directory
 * @param forwardedHeader the header the trusted proxies write
 * @param embed     the CPQ is shown inside the PRM's iframe: partitioned session cookie, framing allowed
 *                  for the configured PRM origins
 */
public record DemoOptions(int port, int prmPort, Path dataDir, URI publicUrl, int tokenTtlSeconds, String jdbcUrl,
                          List<String> trustedProxies, ForwardedHeader forwardedHeader, boolean embed) {
    /** Proxies writing {@code X-Forwarded-For}, the default; the CPQ in a window of its own. */
    public DemoOptions(int port, int prmPort, Path dataDir, URI publicUrl, int tokenTtlSeconds, String jdbcUrl,
                       List<String> trustedProxies) {
        this(port, prmPort, dataDir, publicUrl, tokenTtlSeconds, jdbcUrl, trustedProxies, false);
    }

    /** Proxies writing {@code X-Forwarded-For}, the default. */
    public DemoOptions(int port, int prmPort, Path dataDir, URI publicUrl, int tokenTtlSeconds, String jdbcUrl,
                       List<String> trustedProxies, boolean embed) {
        this(port, prmPort, dataDir, publicUrl, tokenTtlSeconds, jdbcUrl, trustedProxies, ForwardedHeader.X_FORWARDED_FOR,
                embed);
    }

    public static final String USAGE = String.join("\n",
            "Usage: java -jar partner-auth-demo.jar [options]",
            "  --port N             CPQ host port (default 8080; 0 picks a free one)",
            "  --prm-port N         PRM simulator port (default 8081; 0 picks a free one)",
            "  --data-dir DIR       where the embedded database and demo secrets live (default ./demo-data)",
            "  --public-url URL     the CPQ's public base URL (default http://localhost:<port>)",
            "  --token-ttl SECONDS  access token and launch code lifetime, 5-600 (default 60)",
            "  --jdbc-url URL       jdbc:h2:..., jdbc:postgresql://... or jdbc:mariadb://... (MariaDB or MySQL;",
            "                       default: H2 file in the data dir); keeps the HTTP sessions there too",
            "  --trusted-proxy CIDR a proxy whose forwarding header is believed (repeatable)",
            "  --forwarded-header H the header those proxies write: x-forwarded-for (default) or forwarded",
            "  --embed              the CPQ is shown in the PRM's iframe (partitioned cookie, framing by PRM origins)",
            "Environment: DEMO_ADMIN_PASSWORD sets the admin password (user 'admin'); otherwise one is generated.",
            "  PARTNER_AUTH_PEPPER (base64, 32+ bytes) is the key pepper; otherwise one is kept in the data dir.",
            "  Nodes on one database (--jdbc-url) must share it.");

    private static final java.util.Set<String> FLAGS = java.util.Set.of("--port", "--prm-port", "--data-dir",
            "--public-url", "--token-ttl", "--jdbc-url", "--trusted-proxy", "--forwarded-header", "--embed");

    /** A flag the demo does not understand, or a value it cannot use; the message says which. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    public static DemoOptions parse(String... args) throws UsageException {
        int port = 8080;
        int prmPort = 8081;
        Path dataDir = Path.of("demo-data");
        URI publicUrl = null;
        int ttl = 60;
        String jdbcUrl = null;
        List<String> proxies = new ArrayList<>();
        ForwardedHeader forwardedHeader = ForwardedHeader.X_FORWARDED_FOR;
        boolean embed = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--embed")) {
                // the one flag without a value
                embed = true;
                continue;
            }
            String value;
            int eq = flag.indexOf('=');
            String name = flag.startsWith("--") && eq > 0 ? flag.substring(0, eq) : flag;
            if (!FLAGS.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = name;
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("missing value for " + flag);
            }
            switch (flag) {
                case "--port" -> port = number(flag, value, 0, 65535);
                case "--prm-port" -> prmPort = number(flag, value, 0, 65535);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--public-url" -> publicUrl = url(value);
                case "--token-ttl" -> ttl = number(flag, value, 5, 600);
                case "--jdbc-url" -> {
                    if (!value.startsWith("jdbc:h2:") && !value.startsWith("jdbc:postgresql:")
                            && !value.startsWith("jdbc:mariadb:")) {
                        throw new UsageException("--jdbc-url must be a jdbc:h2:, jdbc:postgresql: or jdbc:mariadb: URL");
                    }
                    jdbcUrl = value;
                }
                case "--trusted-proxy" -> proxies.add(value);
                case "--forwarded-header" -> forwardedHeader = switch (value.toLowerCase(java.util.Locale.ROOT)) {
                    case "x-forwarded-for" -> ForwardedHeader.X_FORWARDED_FOR;
                    case "forwarded" -> ForwardedHeader.FORWARDED;
                    default -> throw new UsageException("--forwarded-header must be x-forwarded-for or forwarded, got '"
                            + value + "'");
                };
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        if (port != 0 && port == prmPort) {
            throw new UsageException("--port and --prm-port must differ");
        }
        return new DemoOptions(port, prmPort, dataDir, publicUrl, ttl, jdbcUrl, List.copyOf(proxies), forwardedHeader,
                embed);
    }

    private static int number(String flag, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a number from " + min + " to " + max + ", got '" + value + "'");
    }

    private static URI url(String value) throws UsageException {
        try {
            URI uri = new URI(value);
            if (uri.isAbsolute() && uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new UsageException("--public-url must be an absolute http(s) URL, got '" + value + "'");
    }
}
