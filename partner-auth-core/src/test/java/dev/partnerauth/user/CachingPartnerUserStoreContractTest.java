package dev.partnerauth.user;

import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import dev.partnerauth.internal.cache.CachingPartnerUserStore;
import dev.partnerauth.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** The cache in front of a store keeps every promise of the store's contract. */
class CachingPartnerUserStoreContractTest extends PartnerUserStoreContract {
    private PartnerUserStore store;

    @BeforeEach
    void setUp() {
        store = new CachingPartnerUserStore(new InMemoryPartnerUserStore(), Duration.ofMinutes(5), new MutableClock().ticker());
    }

    @Override
    protected PartnerUserStore store() {
        return store;
    }
}
