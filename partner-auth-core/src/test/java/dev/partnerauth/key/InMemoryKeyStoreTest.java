package dev.partnerauth.key;

import dev.partnerauth.internal.memory.InMemoryKeyStore;
import org.junit.jupiter.api.BeforeEach;

class InMemoryKeyStoreTest extends KeyStoreContract {
    private KeyStore store;

    @BeforeEach
    void setUp() {
        store = new InMemoryKeyStore();
    }

    @Override
    protected KeyStore store() {
        return store;
    }
}
