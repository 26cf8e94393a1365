package dev.partnerauth;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LaunchRequestTest {
    @Test
    void constructorWhenQuoteIdGivenForCreateThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LaunchRequest(LaunchAction.CREATE_QUOTE, "006", "Q1"));
        assertThrows(NullPointerException.class, () -> new LaunchRequest(LaunchAction.OPEN_QUOTE, "006", null));
    }
}
