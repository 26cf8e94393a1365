package dev.partnerauth.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.partnerauth.internal.key.KeyFormat;
import dev.partnerauth.internal.key.KeyFormatTest;
import dev.partnerauth.testing.KeyChecksums;
import java.nio.charset.StandardCharsets;

/**
 * Whatever a caller sends as {@code authentication}, {@link PresentedKey#of} answers a key or
 * empty, and never prints the secret. In {@code mvn verify} this replays the inputs under
 * {@code src/test/resources/dev/partnerauth/key/PresentedKeyFuzzTestInputs/}; see docs/development.md,
 * "Fuzzing", to fuzz for longer.
 */
class PresentedKeyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parseWhenAnyTextThenKeyOrEmptyAndSecretNeverPrinted(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        check(text);
        // the checksum turns almost every mutation away at once; repairing it lets the fuzzer
        // reach the accepting path with ids and secrets of its own choosing
        if (text.length() >= KeyFormat.CHECKSUM_LENGTH) {
            String body = text.substring(0, text.length() - KeyFormat.CHECKSUM_LENGTH);
            check(body + KeyChecksums.checksum(body));
        }
    }

    private static void check(String text) {
        PresentedKey key = PresentedKey.of(text);
        if (key.id().isEmpty()) {
            return;
        }
        assertTrue(KeyFormat.isWellFormed(text));
        assertEquals(text.substring(KeyFormat.PREFIX.length(), KeyFormat.PREFIX.length() + KeyId.LENGTH),
                key.id().get().value());
        assertEquals(text, key.text());
        String printed = key.toString();
        assertFalse(printed.contains(text));
        assertFalse(printed.contains(KeyFormatTest.secretOf(text)));
    }
}
