package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemoMainTest {

    @Test
    void mainWhenFlagUnknownThenExitsWithStatusTwoAndPrintsUsage() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DemoMain.class.getName(), "--no-such-flag", "x")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();

        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the demo did not exit");
        assertEquals(2, process.exitValue());
        assertTrue(stderr.contains("unknown option --no-such-flag"), stderr);
        assertTrue(stderr.contains(DemoOptions.USAGE), stderr);
    }

    @Test
    void mainWhenDemoAdminPasswordTooShortThenExitsWithStatusTwoNamingIt(@org.junit.jupiter.api.io.TempDir Path dataDir)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DemoMain.class.getName(), "--port", "0", "--prm-port", "0", "--data-dir", dataDir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DEMO_ADMIN_PASSWORD", "short-pw");
        Process process = builder.start();

        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the demo did not exit");
        assertEquals(2, process.exitValue(), stderr);
        assertTrue(stderr.contains("cannot start: DEMO_ADMIN_PASSWORD must be at least 12 characters"), stderr);
        assertTrue(!stderr.contains("short-pw"), "the password is never printed");
    }
}
