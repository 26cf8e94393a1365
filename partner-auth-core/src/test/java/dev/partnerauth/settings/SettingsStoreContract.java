package dev.partnerauth.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.crm.CrmSystem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link SettingsStore} must do; run against each implementation by a subclass. */
public abstract class SettingsStoreContract {
    /** A store that was never written, fresh for each test. */
    protected abstract SettingsStore store();

    @Test
    void getWhenNeverSavedThenInitial() {
        assertEquals(AuthenticatorSettings.INITIAL, store().get());
    }

    @Test
    void getAfterPutReturnsWhatWasPut() {
        AuthenticatorSettings settings = new AuthenticatorSettings(true, CrmSystem.SALESFORCE,
                List.of("https://prm.example.com", "http://localhost:8081"));
        store().put(settings);
        assertEquals(settings, store().get());
    }

    @Test
    void putWhenSavedAgainThenLastWins() {
        store().put(new AuthenticatorSettings(true, CrmSystem.DYNAMICS, List.of("https://a.example")));
        AuthenticatorSettings last = new AuthenticatorSettings(false, null, List.of());
        store().put(last);
        assertEquals(last, store().get());
    }
}
