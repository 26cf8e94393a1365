package dev.partnerauth.user;

import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import org.junit.jupiter.api.BeforeEach;

class InMemoryPartnerUserStoreTest extends PartnerUserStoreContract {
    private PartnerUserStore store;

    @BeforeEach
    void setUp() {
        store = new InMemoryPartnerUserStore();
    }

    @Override
    protected PartnerUserStore store() {
        return store;
    }
}
