package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void constructWhenPolicySpansLinesThenRefused() {
        // A line break would let a policy built from configuration inject further headers.
        assertThrows(IllegalArgumentException.class, () -> new SecurityHeaders("default-src 'self'\r\nX-Evil: 1"));
    }

    @Test
    void constructWhenPolicyBlankThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SecurityHeaders(" "));
    }
}
