package dev.partnerauth.settings;

import dev.partnerauth.internal.memory.InMemorySettingsStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticatorSettingsTest {

    @Test
    void normaliseOriginWhenUpperCaseWithDefaultPortThenLowerCaseWithoutPort() {
        assertEquals("https://prm.example.com", AuthenticatorSettings.normaliseOrigin("HTTPS://PRM.Example.com:443"));
        assertEquals("http://prm.example.com", AuthenticatorSettings.normaliseOrigin("http://prm.example.com:80"));
    }

    @Test
    void normaliseOriginWhenOtherPortThenKept() {
        assertEquals("https://prm.example.com:8443", AuthenticatorSettings.normaliseOrigin("https://prm.example.com:8443"));
        assertEquals("http://localhost:9090", AuthenticatorSettings.normaliseOrigin("http://localhost:9090"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"prm.example.com", "https://prm.example.com/", "https://prm.example.com/path",
            "https://prm.example.com?x=1", "https://prm.example.com#f", "ftp://prm.example.com", "null", "",
            "https://user@prm.example.com", "https://", "javascript:alert(1)", "https://prm example.com"})
    void normaliseOriginWhenNotAnOriginThenRefusedNamingTheValue(String origin) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuthenticatorSettings.normaliseOrigin(origin));

        assertTrue(e.getMessage().contains("'" + origin + "'"), e.getMessage());
    }

    @Test
    void constructorWhenOriginsGivenThenNormalisedAndDeduplicated() {
        AuthenticatorSettings s = new AuthenticatorSettings(false, null,
                List.of("HTTPS://PRM.Example.com:443", "https://prm.example.com", "https://other.example.com:8443"));

        assertEquals(List.of("https://prm.example.com", "https://other.example.com:8443"), s.allowedOrigins());
    }

    @Test
    void constructorWhenOneOriginInvalidThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new AuthenticatorSettings(true, null, List.of("https://prm.example.com", "*")));
    }

    @Test
    void allowsOriginWhenBrowserSendsListedOriginThenTrue() {
        AuthenticatorSettings s = new AuthenticatorSettings(true, null, List.of("HTTPS://PRM.Example.com:443"));

        assertTrue(s.allowsOrigin("https://prm.example.com"));
        assertTrue(s.allowsOrigin("https://PRM.example.com:443"));
    }

    @Test
    void allowsOriginWhenOtherSchemePortOrHostThenFalse() {
        AuthenticatorSettings s = new AuthenticatorSettings(true, null, List.of("https://prm.example.com"));

        assertFalse(s.allowsOrigin("http://prm.example.com"));
        assertFalse(s.allowsOrigin("https://prm.example.com:8443"));
        assertFalse(s.allowsOrigin("https://prm.example.com.evil.com"));
        assertFalse(s.allowsOrigin("https://evilprm.example.com"));
        assertFalse(s.allowsOrigin("null"));
        assertFalse(s.allowsOrigin(null));
    }

    @Test
    void allowsOriginWhenNoOriginsConfiguredThenFalse() {
        assertFalse(AuthenticatorSettings.INITIAL.allowsOrigin("https://prm.example.com"));
    }

    @Test
    void inMemoryStoreWhenNeverSavedThenInitial() {
        InMemorySettingsStore store = new InMemorySettingsStore();

        assertEquals(AuthenticatorSettings.INITIAL, store.get());
        assertFalse(store.get().enabled());
    }
}
