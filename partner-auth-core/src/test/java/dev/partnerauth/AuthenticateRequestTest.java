package dev.partnerauth;

import dev.partnerauth.key.PresentedKey;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.partnerauth.user.UserInformation;
import org.junit.jupiter.api.Test;

class AuthenticateRequestTest {
    @Test
    void toStringWhenPrintedThenKeyRedacted() {
        String key = "pak_AAAAAAAAAAAA_supersecretsupersecretXXXXXX";
        UserInformation user = new UserInformation("qwerty1234356", "david.s@domain.com", "david.s@domain.com",
                "David Solomon", null, null, null, null, null, null, null, null, null, null, null);

        AuthenticateRequest request = new AuthenticateRequest(PresentedKey.of(key), user);

        assertFalse(request.toString().contains(key));
        assertFalse(request.toString().contains("supersecret"));
    }
}
