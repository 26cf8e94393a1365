package dev.partnerauth.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.key.PartnerId;
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
    static final PartnerId A = new PartnerId("prt_partnerAAAAAAAAAAAA");
    static final PartnerId B = new PartnerId("prt_partnerBBBBBBBBBBBB");
    static final PartnerId C = new PartnerId("prt_partnerCCCCCCCCCCCC");

    /** A store with no users, fresh for each test. */
    protected abstract PartnerUserStore store();

    public static UserInformation full(String userId, String name) {
        return new UserInformation(userId, "login-" + userId, userId + "@partner.example", name, "Manager",
                "+1 555 0100", "+1 555 0101", "+1 555 0102", "Partner Co", "1 Main St", "Springfield", "IL", "US",
                "62701", "https://img.example/" + userId + ".png");
    }

    public static UserInformation minimal(String userId) {
        return new UserInformation(userId, "login", "u@partner.example", "Name", null, null, null, null, null, null,
                null, null, null, null, null);
    }

    @Test
    void upsertWhenNewThenCreatedEnabled() {
        PartnerUser user = store().upsert(A, full("u-1", "Ann"), T0);
        assertEquals(new PartnerUser(A, full("u-1", "Ann"), true, T0, T0, T0), user);
        assertEquals(user, store().find(A, "u-1").orElseThrow());
    }

    @Test
    void upsertWhenUserIdsDifferOnlyInCaseThenTwoUsers() {
        // PRM user ids are opaque: "U-1" is not "u-1", whatever the database's default collation
        store().upsert(A, full("u-1", "Ann"), T0);
        store().upsert(A, full("U-1", "Bob"), T0);
        assertEquals("Ann", store().find(A, "u-1").orElseThrow().information().name());
        assertEquals("Bob", store().find(A, "U-1").orElseThrow().information().name());
        store().setEnabled(A, "U-1", false);
        assertTrue(store().find(A, "u-1").orElseThrow().enabled(), "disabling U-1 leaves u-1 alone");
        assertEquals(2, store().list(A, 10).size());
    }

    @Test
    void upsertWhenUserIdsDifferOnlyByATrailingSpaceThenTwoUsers() {
        // MariaDB's and MySQL's binary collations still compare "u-1 " equal to "u-1" (PAD SPACE)
        store().upsert(A, full("u-1", "Ann"), T0);
        store().upsert(A, full("u-1 ", "Bob"), T0);
        assertEquals("Ann", store().find(A, "u-1").orElseThrow().information().name());
        assertEquals("Bob", store().find(A, "u-1 ").orElseThrow().information().name());
        assertEquals(2, store().list(A, 10).size());
    }

    @Test
    void upsertWhenUserIdIsNotAsciiThenFoundByTheSameText() {
        store().upsert(A, full("zoë-\uD83D\uDE00", "Zoë"), T0);
        assertEquals("Zoë", store().find(A, "zoë-\uD83D\uDE00").orElseThrow().information().name());
        assertEquals("zoë-\uD83D\uDE00", store().list(A, 10).get(0).userId());
        assertTrue(store().find(A, "ZOË-\uD83D\uDE00").isEmpty());
    }

    @Test
    void upsertWhenOptionalDetailsAbsentThenStoredAsAbsent() {
        store().upsert(A, minimal("u-1"), T0);
        assertEquals(minimal("u-1"), store().find(A, "u-1").orElseThrow().information());
    }

    @Test
    void upsertWhenExistingThenDetailsReplacedAndFlagAndCreationKept() {
        store().upsert(A, full("u-1", "Ann"), T0);
        store().setEnabled(A, "u-1", false);
        PartnerUser updated = store().upsert(A, minimal("u-1"), T0.plusSeconds(60));
        assertEquals(new PartnerUser(A, minimal("u-1"), false, T0, T0.plusSeconds(60), T0.plusSeconds(60)), updated);
        assertEquals(updated, store().find(A, "u-1").orElseThrow());
    }

    @Test
    void upsertWhenDetailsUnchangedThenUpdatedAtKeptAtLastChange() {
        store().upsert(A, full("u-1", "Ann"), T0);

        PartnerUser again = store().upsert(A, full("u-1", "Ann"), T0.plusSeconds(60));

        assertEquals(new PartnerUser(A, full("u-1", "Ann"), true, T0, T0, T0), again);
    }

    @Test
    void upsertWhenDetailsUnchangedPastResolutionThenSignInRecordedAndDetailsTimeKept() {
        store().upsert(A, full("u-1", "Ann"), T0);
        Instant later = T0.plus(PartnerUserStore.SIGN_IN_RESOLUTION);

        PartnerUser again = store().upsert(A, full("u-1", "Ann"), later);

        assertEquals(new PartnerUser(A, full("u-1", "Ann"), true, T0, T0, later), again);
        assertEquals(again, store().find(A, "u-1").orElseThrow());
    }

    @Test
    void upsertWhenAnotherPartnerSendsSameUserIdThenTwoUsersAndNeitherChanged() {
        store().upsert(A, full("u-100", "Ann of A"), T0);

        PartnerUser ofB = store().upsert(B, full("u-100", "Bob of B"), T0.plusSeconds(60));

        assertEquals(new PartnerUser(B, full("u-100", "Bob of B"), true, T0.plusSeconds(60), T0.plusSeconds(60),
                T0.plusSeconds(60)), ofB);
        assertEquals(new PartnerUser(A, full("u-100", "Ann of A"), true, T0, T0, T0), store().find(A, "u-100").orElseThrow());
    }

    @Test
    void setEnabledWhenSameUserIdOfAnotherPartnerThenOnlyThatPartnersUser() {
        store().upsert(A, full("u-100", "Ann"), T0);
        store().upsert(B, full("u-100", "Bob"), T0);

        assertTrue(store().setEnabled(B, "u-100", false));

        assertTrue(store().find(A, "u-100").orElseThrow().enabled());
        assertFalse(store().find(B, "u-100").orElseThrow().enabled());
        assertFalse(store().setEnabled(C, "u-100", false), "a partner without that user has nothing to disable");
    }

    @Test
    void findWhenUserIdKnownOnlyToAnotherPartnerThenEmpty() {
        store().upsert(A, full("u-100", "Ann"), T0);
        assertTrue(store().find(B, "u-100").isEmpty());
    }

    @Test
    void listWhenPartnerGivenThenOnlyItsUsersInUserIdOrder() {
        store().upsert(B, minimal("b-2"), T0);
        store().upsert(A, minimal("a-1"), T0);
        store().upsert(B, minimal("b-1"), T0);

        assertEquals(List.of("b-1", "b-2"), store().list(B, 10).stream().map(PartnerUser::userId).toList());
        assertEquals(List.of(B, B), store().list(B, 10).stream().map(PartnerUser::partnerId).toList());
        assertEquals(List.of("b-1"), store().list(B, 1).stream().map(PartnerUser::userId).toList());
        assertEquals(List.of(), store().list(C, 10));
    }

    @Test
    void listWhenNoPartnerGivenThenEveryPartnersUsersByPartnerThenUserId() {
        store().upsert(B, minimal("u-1"), T0);
        store().upsert(A, minimal("u-2"), T0);
        store().upsert(A, minimal("u-1"), T0);

        assertEquals(List.of(A + "/u-1", A + "/u-2", B + "/u-1"),
                store().list(null, 10).stream().map(u -> u.partnerId() + "/" + u.userId()).toList());
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
                    return store().upsert(A, full("u-race", name), T0);
                }));
            }
            start.countDown();
            for (Future<PartnerUser> f : results) {
                assertEquals("u-race", f.get().userId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(store().find(A, "u-race").orElseThrow().enabled());
        assertEquals(1, store().list(A, 10).size());
    }

    @Test
    void findWhenUnknownThenEmpty() {
        assertTrue(store().find(A, "nobody").isEmpty());
    }

    @Test
    void setEnabledChangesOnlyTheFlag() {
        PartnerUser user = store().upsert(A, full("u-1", "Ann"), T0);
        assertTrue(store().setEnabled(A, "u-1", false));
        assertEquals(new PartnerUser(A, user.information(), false, T0, T0, T0), store().find(A, "u-1").orElseThrow());
        assertTrue(store().setEnabled(A, "u-1", true));
        assertTrue(store().find(A, "u-1").orElseThrow().enabled());
    }

    @Test
    void setEnabledWhenUnknownThenFalse() {
        assertFalse(store().setEnabled(A, "nobody", false));
    }

    @Test
    void upsertWhenNewThenActiveInFirstGeneration() {
        PartnerUser user = store().upsert(A, full("u-1", "Ann"), T0);
        assertTrue(user.active());
        assertEquals(0, user.sessionGeneration());
    }

    @Test
    void signOutWhenUserKnownThenNextGenerationAndNothingElseChanged() {
        PartnerUser before = store().upsert(A, full("u-1", "Ann"), T0);
        assertTrue(store().signOut(A, "u-1"));
        PartnerUser after = store().find(A, "u-1").orElseThrow();
        assertEquals(new PartnerUser(A, before.information(), true, T0, T0, T0, true, 1), after);
        assertTrue(store().signOut(A, "u-1"));
        assertEquals(2, store().find(A, "u-1").orElseThrow().sessionGeneration());
    }

    @Test
    void signOutWhenUnknownThenFalse() {
        assertFalse(store().signOut(A, "nobody"));
    }

    @Test
    void signOutWhenSameUserIdOfAnotherPartnerThenOnlyThatPartnersUser() {
        store().upsert(A, full("u-1", "Ann"), T0);
        store().upsert(B, full("u-1", "Bob"), T0);
        assertTrue(store().signOut(B, "u-1"));
        assertEquals(0, store().find(A, "u-1").orElseThrow().sessionGeneration());
        assertEquals(1, store().find(B, "u-1").orElseThrow().sessionGeneration());
        assertFalse(store().signOut(C, "u-1"));
    }

    @Test
    void setActiveWhenDeactivatedThenInactiveInNextGenerationAndStillEnabled() {
        store().upsert(A, full("u-1", "Ann"), T0);
        assertTrue(store().setActive(A, "u-1", false));
        PartnerUser user = store().find(A, "u-1").orElseThrow();
        assertFalse(user.active());
        assertTrue(user.enabled());
        assertEquals(1, user.sessionGeneration());
    }

    @Test
    void setActiveWhenReactivatedThenActiveInTheNextGeneration() {
        store().upsert(A, full("u-1", "Ann"), T0);
        store().setActive(A, "u-1", false);
        assertTrue(store().setActive(A, "u-1", true));
        PartnerUser user = store().find(A, "u-1").orElseThrow();
        assertTrue(user.active());
        assertEquals(2, user.sessionGeneration());
    }

    @Test
    void setActiveWhenAlreadyActiveThenGenerationKept() {
        store().upsert(A, full("u-1", "Ann"), T0);
        assertTrue(store().setActive(A, "u-1", true));
        assertEquals(0, store().find(A, "u-1").orElseThrow().sessionGeneration());
    }

    @Test
    void setActiveWhenHostDisabledThenHostsSwitchUntouched() {
        store().upsert(A, full("u-1", "Ann"), T0);
        store().setEnabled(A, "u-1", false);
        store().setActive(A, "u-1", false);
        store().setActive(A, "u-1", true);
        PartnerUser user = store().find(A, "u-1").orElseThrow();
        assertFalse(user.enabled());
        assertTrue(user.active());
    }

    @Test
    void setEnabledWhenDeactivatedThenPartnersSwitchUntouched() {
        store().upsert(A, full("u-1", "Ann"), T0);
        store().setActive(A, "u-1", false);
        store().setEnabled(A, "u-1", true);
        assertFalse(store().find(A, "u-1").orElseThrow().active());
    }

    @Test
    void setActiveWhenUnknownOrAnotherPartnersThenFalseAndNothingChanged() {
        store().upsert(A, full("u-1", "Ann"), T0);
        assertFalse(store().setActive(B, "u-1", false));
        assertFalse(store().setActive(A, "nobody", false));
        PartnerUser user = store().find(A, "u-1").orElseThrow();
        assertTrue(user.active());
        assertEquals(0, user.sessionGeneration());
    }

    @Test
    void upsertWhenSignedOutAndDeactivatedThenBothKept() {
        store().upsert(A, full("u-1", "Ann"), T0);
        store().signOut(A, "u-1");
        store().setActive(A, "u-1", false);
        PartnerUser again = store().upsert(A, minimal("u-1"), T0.plusSeconds(60));
        assertFalse(again.active());
        assertEquals(2, again.sessionGeneration());
        assertEquals(again, store().find(A, "u-1").orElseThrow());
    }

    @Test
    void listWhenSignedOutAndDeactivatedThenShown() {
        store().upsert(A, full("u-1", "Ann"), T0);
        store().setActive(A, "u-1", false);
        PartnerUser listed = store().list(A, 10).get(0);
        assertFalse(listed.active());
        assertEquals(1, listed.sessionGeneration());
    }

    @Test
    void signOutWhenConcurrentThenEveryOneCounted() throws Exception {
        store().upsert(A, full("u-1", "Ann"), T0);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return store().signOut(A, "u-1");
                }));
            }
            start.countDown();
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads, store().find(A, "u-1").orElseThrow().sessionGeneration());
    }
}
