package dev.partnerauth.key;

import dev.partnerauth.internal.memory.InMemoryKeyStore;
import dev.partnerauth.internal.cache.CachingKeyStore;
import dev.partnerauth.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** The cache in front of a store keeps every promise of the store's contract. */
class CachingKeyStoreContractTest extends KeyStoreContract {
    private KeyStore store;

    @BeforeEach
    void setUp() {
        store = new CachingKeyStore(new InMemoryKeyStore(), Duration.ofMinutes(5), new MutableClock().ticker());
    }

    @Override
    protected KeyStore store() {
        return store;
    }
}
