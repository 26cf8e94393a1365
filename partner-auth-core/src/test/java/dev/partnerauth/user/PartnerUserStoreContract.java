package dev.partnerauth.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link PartnerUserStore} must do; run against each implementation by a subclass. */
public abstract class PartnerUserStoreContract {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /** A store with no users, fresh for each test. */
    protected abstract PartnerUserStore store();

    static UserInformation full(String userId, String name) {
        return new UserInformation(userId, "login-" + userId, userId + "@partner.example", name, "Manager",
                "+1 555 0100", "+1 555 0101", "+1 555 0102", "Partner Co", "1 Main St", "Springfield", "IL", "US",
                "62701", "https://img.example/" + userId + ".png");
    }

    static UserInformation minimal(String userId) {
        return new UserInformation(userId, "login", "u@partner.example", "Name", null, null, null, null, null, null,
                null, null, null, null, null);
    }

    @Test
    void upsertWhenNewThenCreatedEnabled() {
        PartnerUser user = store().upsert(full("u-1", "Ann"), T0);
        assertEquals(new PartnerUser(full("u-1", "Ann"), true, T0, T0), user);
        assertEquals(user, store().find("u-1").orElseThrow());
    }

    @Test
    void upsertWhenOptionalDetailsAbsentThenStoredAsAbsent() {
        store().upsert(minimal("u-1"), T0);
        assertEquals(minimal("u-1"), store().find("u-1").orElseThrow().information());
    }

    @Test
    void upsertWhenExistingThenDetailsReplacedAndFlagAndCreationKept() {
        store().upsert(full("u-1", "Ann"), T0);
        store().setEnabled("u-1", false);
        PartnerUser updated = store().upsert(minimal("u-1"), T0.plusSeconds(60));
        assertEquals(new PartnerUser(minimal("u-1"), false, T0, T0.plusSeconds(60)), updated);
        assertEquals(updated, store().find("u-1").orElseThrow());
    }

    @Test
    void upsertWhenDetailsUnchangedThenUpdatedAtKeptAtLastChange() {
        store().upsert(full("u-1", "Ann"), T0);

        PartnerUser again = store().upsert(full("u-1", "Ann"), T0.plusSeconds(60));

        assertEquals(new PartnerUser(full("u-1", "Ann"), true, T0, T0), again);
    }

    @Test
    void upsertWhenSameNewUserConcurrentlyThenOneUserAndNoFailure() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PartnerUser>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String name = "Name " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return store().upsert(full("u-race", name), T0);
                }));
            }
            start.countDown();
            for (Future<PartnerUser> f : results) {
                assertEquals("u-race", f.get().userId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(store().find("u-race").orElseThrow().enabled());
    }

    @Test
    void findWhenUnknownThenEmpty() {
        assertTrue(store().find("nobody").isEmpty());
    }

    @Test
    void setEnabledChangesOnlyTheFlag() {
        PartnerUser user = store().upsert(full("u-1", "Ann"), T0);
        assertTrue(store().setEnabled("u-1", false));
        assertEquals(new PartnerUser(user.information(), false, T0, T0), store().find("u-1").orElseThrow());
        assertTrue(store().setEnabled("u-1", true));
        assertTrue(store().find("u-1").orElseThrow().enabled());
    }

    @Test
    void setEnabledWhenUnknownThenFalse() {
        assertFalse(store().setEnabled("nobody", false));
    }
}
