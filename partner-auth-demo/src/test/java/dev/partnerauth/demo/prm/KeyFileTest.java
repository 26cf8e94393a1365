package dev.partnerauth.demo.prm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @TempDir
    Path dataDir;

    @Test
    void readWhenNothingSavedThenEmpty() {
        assertEquals(Optional.empty(), new KeyFile(dataDir).read());
    }

    @Test
    void saveWhenKeySavedBeforeThenReplacesIt() {
        KeyFile file = new KeyFile(dataDir);
        file.save("first-key-0123456789");

        file.save("second-key-0123456789");

        assertEquals(Optional.of("second-key-0123456789"), file.read());
    }

    @Test
    void saveWhenDataDirMissingThenCreatesIt() {
        KeyFile file = new KeyFile(dataDir.resolve("nested/data"));

        file.save("a-key-0123456789");

        assertTrue(Files.exists(dataDir.resolve("nested/data/prm-simulator-key")));
    }

    @Test
    void saveWhenKeyHoldsLineBreakThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KeyFile(dataDir).save("abc\ndef"));
    }

    @Test
    void saveLeavesNoTemporaryFileBehind() throws Exception {
        new KeyFile(dataDir).save("a-key-0123456789");

        try (var files = Files.list(dataDir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void problemWhenKeyLongerThanAnyKeyThenNamed() {
        assertTrue(KeyFile.problemWith("k".repeat(KeyFile.MAX_LENGTH + 1)).orElseThrow().contains("longer"));
    }
}
