package dev.partnerauth.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.internal.memory.InMemorySettingsStore;
import dev.partnerauth.settings.SettingsStore;
import dev.partnerauth.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingSettingsStoreTest {
    private static final Duration MAX_AGE = Duration.ofSeconds(30);
    private static final AuthenticatorSettings ON = new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of());
    private static final AuthenticatorSettings OFF = new AuthenticatorSettings(false, CrmSystem.SALESFORCE, List.of());

    private final MutableClock clock = new MutableClock();
    private final CountingStore database = new CountingStore();
    private final CachingSettingsStore store = new CachingSettingsStore(database, MAX_AGE, clock.ticker());

    @Test
    void getWhenReadBeforeThenAnsweredWithoutTheStore() {
        store.get();
        store.get();
        store.get();
        assertEquals(1, database.reads.get());
    }

    @Test
    void getWhenChangedThroughThisStoreThenNewValueAtOnce() {
        store.put(ON);
        assertEquals(ON, store.get());
        store.put(OFF);
        assertEquals(OFF, store.get());
    }

    @Test
    void getWhenChangedElsewhereThenOldValueUntilMaxAge() {
        database.put(ON);
        assertEquals(ON, store.get());
        database.put(OFF); // another node disables the authenticator
        clock.advance(MAX_AGE.minusMillis(1));
        assertEquals(ON, store.get());
        clock.advance(Duration.ofMillis(1));
        assertEquals(OFF, store.get());
    }

    @Test
    void getWhenReadRacedWithPutThenStaleValueNotKept() throws Exception {
        database.put(ON);
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        database.afterRead = () -> {
            database.afterRead = () -> { };
            read.countDown();
            await(written);
        };
        CompletableFuture<AuthenticatorSettings> racing = CompletableFuture.supplyAsync(store::get);
        assertTrue(read.await(10, TimeUnit.SECONDS));
        store.put(OFF);
        written.countDown();
        assertEquals(ON, racing.get(10, TimeUnit.SECONDS), "the racing read began before the change");
        assertEquals(OFF, store.get(), "but what it read must not be kept");
    }

    @Test
    void constructorWhenMaxAgeNotPositiveThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CachingSettingsStore(database, Duration.ofSeconds(-1), clock.ticker()));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static final class CountingStore implements SettingsStore {
        final AtomicInteger reads = new AtomicInteger();
        volatile Runnable afterRead = () -> { };
        private final InMemorySettingsStore delegate = new InMemorySettingsStore();

        @Override
        public AuthenticatorSettings get() {
            reads.incrementAndGet();
            AuthenticatorSettings value = delegate.get();
            afterRead.run();
            return value;
        }

        @Override
        public void put(AuthenticatorSettings settings) {
            delegate.put(settings);
        }
    }
}
