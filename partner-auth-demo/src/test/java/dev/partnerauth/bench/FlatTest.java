package dev.partnerauth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class FlatTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private HttpLoad.Flat flat(CannedServer server, String scenario, int total, int step) throws InterruptedException {
        String[] args = {"flat", scenario, server.base().toString(), "-", "1", Integer.toString(total),
                Integer.toString(step), "30", "600"};
        return HttpLoad.flat(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyMintIsCountedAndEachStepGetsALine() throws Exception {
        String[] replies = Collections.nCopies(10, CannedServer.ok("{\"token\":\"t\"}")).toArray(String[]::new);
        try (CannedServer server = new CannedServer(replies)) {
            HttpLoad.Flat result = flat(server, "spring-generate", 10, 5);

            assertEquals(10, result.minted());
            assertEquals(0, result.errors());
            assertEquals(10, server.requestLines.size());
            assertTrue(printed().contains("outstanding       0-      5:"), printed());
            assertTrue(printed().contains("outstanding       5-     10:"), printed());
        }
    }

    @Test
    void failedMintsAreErrorsNotOutstandingTokens() throws Exception {
        String[] replies = Collections.nCopies(4, "HTTP/1.1 503 \r\nContent-Length: 0\r\n\r\n").toArray(String[]::new);
        try (CannedServer server = new CannedServer(replies)) {
            HttpLoad.Flat result = flat(server, "spring-generate", 4, 2);

            assertEquals(0, result.minted());
            assertEquals(4, result.errors());
            assertTrue(printed().contains("every mint failed"), printed());
            assertTrue(printed().contains("first error: no token: HTTP 503"), printed());
        }
    }

    @Test
    void aScenarioThatRedeemsIsRefused() throws IOException {
        try (CannedServer server = new CannedServer()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> flat(server, "pair", 10, 5));
            assertTrue(e.getMessage().contains("auth or spring-generate"), e.getMessage());
        }
    }

    @Test
    void aStepLargerThanTheTotalIsRefused() throws IOException {
        try (CannedServer server = new CannedServer()) {
            assertThrows(IllegalArgumentException.class, () -> flat(server, "auth", 10, 20));
        }
    }
}
