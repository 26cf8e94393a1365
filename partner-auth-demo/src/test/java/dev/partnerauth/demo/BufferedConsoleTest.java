package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BufferedConsoleTest {
    @Test
    void linesReachTheConsoleOnFlushNotOnEachWritersFlush() {
        PrintStream before = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        BufferedConsole buffered = BufferedConsole.install(console, Duration.ofHours(1));
        try {
            System.err.println("audit line");
            System.err.flush(); // what slf4j-simple does after every line
            assertEquals("", console.toString(StandardCharsets.UTF_8));

            buffered.flush();
            assertEquals("audit line" + System.lineSeparator(), console.toString(StandardCharsets.UTF_8));
        } finally {
            buffered.close();
        }
        assertSame(before, System.err);
    }

    @Test
    void closeWritesWhatIsLeft() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        BufferedConsole buffered = BufferedConsole.install(console, Duration.ofHours(1));
        System.err.print("last words");
        buffered.close();
        assertEquals("last words", console.toString(StandardCharsets.UTF_8));
    }
}
