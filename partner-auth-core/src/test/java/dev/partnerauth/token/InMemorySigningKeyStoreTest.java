package dev.partnerauth.token;

import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import org.junit.jupiter.api.BeforeEach;

class InMemorySigningKeyStoreTest extends SigningKeyStoreContract {
    private SigningKeyStore store;

    @BeforeEach
    void setUp() {
        store = new InMemorySigningKeyStore();
    }

    @Override
    protected SigningKeyStore store() {
        return store;
    }

    @Override
    protected SigningKeyStore anotherNode() {
        return store;
    }
}
