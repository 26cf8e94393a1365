package dev.partnerauth.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.internal.key.KeyFormat;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The ids' alphabet and the key text's copy of it never drift apart. */
class Base62Test {
    @Test
    void isBase62WhenAnyCharacterThenAgreesWithTheKeyFormat() {
        for (char c = 0; c < 0x3000; c++) {
            String s = String.valueOf(c);
            assertEquals(KeyFormat.isBase62(s), Base62.isBase62(s), () -> "U+" + Integer.toHexString(s.charAt(0)));
        }
    }

    @Test
    void randomWhenDrawnThenEveryCharacterIsOneAKeyIdTakes() {
        String drawn = Base62.random(new SecureRandom(), 10_000);
        assertEquals(10_000, drawn.length());
        assertTrue(KeyFormat.isBase62(drawn));
        assertEquals(62, drawn.chars().distinct().count(), "all 62 characters appear in 10 000 draws");
    }
}
