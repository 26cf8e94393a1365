package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAdminAuthorizerTest {

    @Test
    void toStringWhenPrintedThenPasswordRedacted() {
        String password = "correct-horse-battery";
        String printed = new BasicAdminAuthorizer("admin", password).toString();

        assertTrue(printed.contains("admin"), printed);
        assertFalse(printed.contains(password), printed);
        assertFalse(printed.contains(Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8))), printed);
    }
}
