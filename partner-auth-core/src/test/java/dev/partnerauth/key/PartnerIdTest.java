package dev.partnerauth.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PartnerIdTest {
    @Test
    void randomWhenMintedThenPrefixAnd20Base62AndNeverTheSame() {
        SecureRandom random = new SecureRandom();
        PartnerId a = PartnerId.random(random);
        PartnerId b = PartnerId.random(random);

        assertTrue(a.value().matches("prt_[0-9A-Za-z]{20}"), a.value());
        assertNotEquals(a, b);
        assertEquals(Optional.of(a), PartnerId.parse(a.value()));
    }

    @Test
    void parseWhenMigratedKeysPartnerThenAccepted() {
        assertEquals("prt_AAAAAAAAAAA1", PartnerId.parse("prt_AAAAAAAAAAA1").orElseThrow().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "prt_", "prt_short", "PRT_AAAAAAAAAAA1", "pak_AAAAAAAAAAA1", "prt_AAAAAAAAAAA:",
            "prt_AAAAAA/AAAA1", "prt_AAAAAA%2FAAA1", "prt_AAAAAAAAAAA1 ", "prt_ＡAAAAAAAAAA1",
            "prt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "../prt_AAAAAAAAAAA1"})
    void parseWhenNotAPartnerIdThenEmptyAndConstructorRefuses(String text) {
        assertEquals(Optional.empty(), PartnerId.parse(text));
        assertThrows(IllegalArgumentException.class, () -> new PartnerId(text));
    }

    @Test
    void parseWhenNullThenEmpty() {
        assertEquals(Optional.empty(), PartnerId.parse(null));
    }
}
