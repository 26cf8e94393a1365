package dev.partnerauth.token;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;

class CaffeineGrantStoreContractTest extends OneTimeGrantStoreContract {
    private OneTimeGrantStore store;

    @BeforeEach
    void setUp() {
        // the cache's clock stands well before NOW, so that only the instants passed decide expiry
        Clock clock = Clock.fixed(Instant.parse("2029-01-01T00:00:00Z"), ZoneOffset.UTC);
        store = new CaffeineGrantStore(clock, () -> 0L, 1_000);
    }

    @Override
    protected OneTimeGrantStore store() {
        return store;
    }
}
