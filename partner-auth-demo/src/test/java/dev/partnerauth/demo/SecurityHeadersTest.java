package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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

    @Test
    void framedByWhenPrmOriginsConfiguredThenOnlyFrameAncestorsChange() {
        SecurityHeaders framed = SecurityHeaders.CPQ.framedBy(List.of("https://prm.example.com", "http://127.0.0.1:8081"));

        assertEquals("default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors https://prm.example.com "
                + "http://127.0.0.1:8081; base-uri 'none'; form-action 'self'", framed.contentSecurityPolicy());
    }

    @Test
    void framedByWhenNoOriginsThenNone() {
        assertEquals(SecurityHeaders.CPQ, SecurityHeaders.CPQ.framedBy(List.of()));
    }
}
