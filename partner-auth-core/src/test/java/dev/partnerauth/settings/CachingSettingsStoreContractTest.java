package dev.partnerauth.settings;

import dev.partnerauth.internal.memory.InMemorySettingsStore;
import dev.partnerauth.internal.cache.CachingSettingsStore;
import dev.partnerauth.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** The cache in front of a store keeps every promise of the store's contract. */
class CachingSettingsStoreContractTest extends SettingsStoreContract {
    private SettingsStore store;

    @BeforeEach
    void setUp() {
        store = new CachingSettingsStore(new InMemorySettingsStore(), Duration.ofMinutes(5), new MutableClock().ticker());
    }

    @Override
    protected SettingsStore store() {
        return store;
    }
}
