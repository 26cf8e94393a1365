package dev.partnerauth.settings;

import dev.partnerauth.internal.memory.InMemorySettingsStore;
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
