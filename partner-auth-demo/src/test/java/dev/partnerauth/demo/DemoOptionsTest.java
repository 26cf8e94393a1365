package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.allowlist.ForwardedHeader;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoOptionsTest {

    @Test
    void parseWhenNoFlagsThenDefaults() throws Exception {
        DemoOptions options = DemoOptions.parse();

        assertEquals(8080, options.port());
        assertEquals(8081, options.prmPort());
        assertEquals(Path.of("demo-data"), options.dataDir());
        assertNull(options.publicUrl());
        assertEquals(60, options.tokenTtlSeconds());
        assertNull(options.jdbcUrl());
        assertEquals(List.of(), options.trustedProxies());
    }

    @Test
    void parseWhenEveryFlagGivenThenEachIsTaken() throws Exception {
        DemoOptions options = DemoOptions.parse("--port", "9000", "--prm-port=9001", "--data-dir", "/tmp/d",
                "--public-url", "https://cpq.example.com", "--token-ttl", "5", "--jdbc-url", "jdbc:postgresql://db/test",
                "--trusted-proxy", "10.0.0.0/8", "--embed", "--trusted-proxy=::1");

        assertEquals(new DemoOptions(9000, 9001, Path.of("/tmp/d"), URI.create("https://cpq.example.com"), 5,
                "jdbc:postgresql://db/test", List.of("10.0.0.0/8", "::1"), true), options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:tcp://db/cpq", "jdbc:postgresql://db/test", "jdbc:mariadb://db:3306/cpq?user=cpq"})
    void parseWhenJdbcUrlOfASupportedDatabaseThenTaken(String url) throws Exception {
        assertEquals(url, DemoOptions.parse("--jdbc-url", url).jdbcUrl());
    }

    @Test
    void usageWhenPrintedThenNamesEveryDatabaseTheJdbcUrlTakes() {
        assertTrue(DemoOptions.USAGE.contains("jdbc:mariadb://"), DemoOptions.USAGE);
        assertTrue(DemoOptions.USAGE.contains("jdbc:postgresql://"), DemoOptions.USAGE);
    }

    @Test
    void parseWhenNoEmbedFlagThenCpqNotEmbedded() throws Exception {
        assertFalse(DemoOptions.parse("--port", "9000").embed());
    }

    @Test
    void parseWhenForwardedHeaderGivenThenThatHeaderElseXForwardedFor() throws Exception {
        assertEquals(ForwardedHeader.X_FORWARDED_FOR, DemoOptions.parse().forwardedHeader());
        assertEquals(ForwardedHeader.FORWARDED, DemoOptions.parse("--forwarded-header", "forwarded").forwardedHeader());
        assertEquals(ForwardedHeader.X_FORWARDED_FOR, DemoOptions.parse("--forwarded-header=X-Forwarded-For").forwardedHeader());
    }

    @Test
    void parseWhenForwardedHeaderUnknownThenUsageErrorNamesTheChoices() {
        DemoOptions.UsageException e = assertThrows(DemoOptions.UsageException.class,
                () -> DemoOptions.parse("--forwarded-header", "x-real-ip"));

        assertTrue(e.getMessage().contains("x-forwarded-for or forwarded"), e.getMessage());
    }

    @Test
    void parseWhenBothPortsZeroThenAccepted() throws Exception {
        DemoOptions options = DemoOptions.parse("--port", "0", "--prm-port", "0");

        assertEquals(0, options.port());
        assertEquals(0, options.prmPort());
    }

    @Test
    void parseWhenFlagUnknownThenUsageErrorNamesIt() {
        DemoOptions.UsageException e = assertThrows(DemoOptions.UsageException.class,
                () -> DemoOptions.parse("--colour", "blue"));

        assertTrue(e.getMessage().contains("--colour"), e.getMessage());
    }

    @Test
    void parseWhenUnknownFlagIsLastThenCalledUnknownNotMissingAValue() {
        DemoOptions.UsageException e = assertThrows(DemoOptions.UsageException.class,
                () -> DemoOptions.parse("--port", "9000", "--bogus"));

        assertEquals("unknown option --bogus", e.getMessage());
    }

    @Test
    void parseWhenValueMissingThenUsageErrorNamesTheFlag() {
        DemoOptions.UsageException e = assertThrows(DemoOptions.UsageException.class,
                () -> DemoOptions.parse("--port"));

        assertTrue(e.getMessage().contains("--port"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=-1", "--port=65536", "--port=eighty", "--prm-port=70000", "--token-ttl=4",
            "--token-ttl=601", "--public-url=ftp://cpq.example.com", "--public-url=/relative",
            "--jdbc-url=jdbc:mysql://db/test"})
    void parseWhenValueUnusableThenUsageError(String flag) {
        DemoOptions.UsageException e = assertThrows(DemoOptions.UsageException.class, () -> DemoOptions.parse(flag));

        assertTrue(e.getMessage().contains(flag.substring(0, flag.indexOf('='))), e.getMessage());
    }

    @Test
    void parseWhenPortsEqualThenUsageError() {
        assertThrows(DemoOptions.UsageException.class, () -> DemoOptions.parse("--port", "9000", "--prm-port", "9000"));
    }

    @Test
    void usageMentionsEveryFlagParseAccepts() {
        for (String flag : List.of("--port", "--prm-port", "--data-dir", "--public-url", "--token-ttl", "--jdbc-url",
                "--trusted-proxy", "DEMO_ADMIN_PASSWORD")) {
            assertTrue(DemoOptions.USAGE.contains(flag), flag);
        }
    }
}
