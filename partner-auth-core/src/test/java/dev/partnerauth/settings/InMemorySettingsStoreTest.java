package dev.partnerauth.settings;

import org.junit.jupiter.api.BeforeEach;

class InMemorySettingsStoreTest extends SettingsStoreContract {
    private SettingsStore store;

    @BeforeEach
    void setUp() {
        store = new InMemorySettingsStore();
    }

    @Override
    protected SettingsStore store() {
        return store;
    }
}
