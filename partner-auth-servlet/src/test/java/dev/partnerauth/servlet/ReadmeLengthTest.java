package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md stays short enough to read: what it is, how to try it and mount it, and links into docs/. */
class ReadmeLengthTest {
    static final int MAX_LINES = 300;

    @Test
    void readmeWhenCountedThenAtMost300Lines() throws IOException {
        long lines = Files.readAllLines(Path.of("../README.md")).size();

        assertTrue(lines <= MAX_LINES, "README.md has " + lines + " lines, more than " + MAX_LINES
                + ": move the detail into a guide under docs/ and link it");
    }
}
