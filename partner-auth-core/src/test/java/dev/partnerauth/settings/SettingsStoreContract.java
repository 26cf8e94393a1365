package dev.partnerauth.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.partnerauth.crm.CrmSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What every {@link SettingsStore} must do; run against each implementation by a subclass. */
public abstract class SettingsStoreContract {
    /** A store that was never written, fresh for each test. */
    protected abstract SettingsStore store();

    @Test
    void getWhenNeverSavedThenInitial() {
        assertEquals(AuthenticatorSettings.INITIAL, store().get());
    }

    @Test
    void getAfterPutReturnsWhatWasPut() {
        AuthenticatorSettings settings = new AuthenticatorSettings(true, CrmSystem.SALESFORCE,
                List.of("https://prm.example.com", "http://localhost:8081"));
        store().put(settings);
        assertEquals(settings, store().get());
    }

    @Test
    void putWhenSavedAgainThenLastWins() {
        store().put(new AuthenticatorSettings(true, CrmSystem.DYNAMICS, List.of("https://a.example")));
        AuthenticatorSettings last = new AuthenticatorSettings(false, null, List.of());
        store().put(last);
        assertEquals(last, store().get());
    }

    @Test
    void updateWhenManyConcurrentUpdatesOfOneListThenNoneIsLost() throws Exception {
        int writers = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        String origin = "https://w" + writer + "-" + i + ".example";
                        store().update(s -> new AuthenticatorSettings(s.enabled(), s.crm(), append(s.allowedOrigins(), origin)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(writers * each, store().get().allowedOrigins().size(), store().get().toString());
    }

    @Test
    void updateWhenTwoAdminsChangeDifferentFieldsAtOnceThenBothKept() throws Exception {
        CyclicBarrier bothRead = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // each change waits (at most 250 ms) for the other to have read: with a read-then-write store
            // both read INITIAL and the second write undoes the first; an atomic store runs them one
            // after the other, so the second never reaches the barrier while the first holds it
            Future<?> crm = pool.submit(() -> store().update(s -> {
                awaitQuietly(bothRead);
                return new AuthenticatorSettings(s.enabled(), CrmSystem.SALESFORCE, s.allowedOrigins());
            }));
            Future<?> origins = pool.submit(() -> store().update(s -> {
                awaitQuietly(bothRead);
                return new AuthenticatorSettings(s.enabled(), s.crm(), List.of("https://prm.example.com"));
            }));
            crm.get(60, TimeUnit.SECONDS);
            origins.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(new AuthenticatorSettings(false, CrmSystem.SALESFORCE, List.of("https://prm.example.com")), store().get());
    }

    @Test
    void updateWhenChangeThrowsThenNothingWritten() {
        store().put(new AuthenticatorSettings(false, CrmSystem.DYNAMICS, List.of()));

        assertThrows(IllegalStateException.class, () -> store().update(s -> {
            throw new IllegalStateException("refused");
        }));

        assertEquals(new AuthenticatorSettings(false, CrmSystem.DYNAMICS, List.of()), store().get());
    }

    private static List<String> append(List<String> list, String value) {
        List<String> out = new ArrayList<>(list);
        out.add(value);
        return out;
    }

    /** Waits for the other update; when that one is serialised behind this one, the wait times out and this one goes on. */
    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            // the other update is waiting for this one: the store serialises them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
