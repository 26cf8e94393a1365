package dev.partnerauth.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.internal.memory.InMemoryKeyStore;
import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import dev.partnerauth.internal.memory.InMemorySettingsStore;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyStoreContract;
import dev.partnerauth.key.StoredKey;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.UserInformation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the composed read found is answered by the caching stores as their own reads' copies
 * would be: kept for maxAge from before the read began, never after a change made through this
 * node while it ran, an absent key remembered as unknown and an absent user not kept.
 */
class PartnerApiReadsTest {
    private static final Duration MAX_AGE = Duration.ofSeconds(1);
    private static final KeyId ID = new KeyId("AAAAAAAAAAA1");
    private static final StoredKey KEY = KeyStoreContract.key(ID.value(), Instant.EPOCH, (byte) 1);
    private static final AuthenticatorSettings ON = new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of());

    private final MutableClock clock = new MutableClock();
    // the stores beneath hold nothing: whatever the caching stores answer comes from the composed read
    private final CachingSettingsStore settings = new CachingSettingsStore(new InMemorySettingsStore(), MAX_AGE, clock.ticker());
    private final CachingKeyStore keys = new CachingKeyStore(new InMemoryKeyStore(), MAX_AGE, clock.ticker());
    private final CachingPartnerUserStore users = new CachingPartnerUserStore(new InMemoryPartnerUserStore(), MAX_AGE,
            clock.ticker());
    private final AtomicInteger reads = new AtomicInteger();
    private Runnable duringRead = () -> { };
    private ComposedRead.Found answer = new ComposedRead.Found(ON, KEY, user());
    private final PartnerApiReads composed = new PartnerApiReads(settings, keys, users, (id, userId) -> {
        reads.incrementAndGet();
        duringRead.run();
        return userId == null ? new ComposedRead.Found(answer.settings(), answer.key(), null) : answer;
    });

    private static PartnerUser user() {
        return new PartnerUser(KEY.metadata().partnerId(), new UserInformation("u-1", "login", "u@partner.example",
                "User", null, null, null, null, null, null, null, null, null, null, null), true, Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void prefetchWhenNothingHeldThenOneReadAndEveryStoreAnswersWhatItFound() {
        composed.prefetch(ID, "u-1");

        assertEquals(1, reads.get());
        assertEquals(ON, settings.get());
        assertEquals(Optional.of(KEY), keys.find(ID));
        assertEquals(Optional.of(user()), users.find(KEY.metadata().partnerId(), "u-1"));
    }

    @Test
    void prefetchWhenEverythingHeldThenNoRead() {
        composed.prefetch(ID, "u-1");
        composed.prefetch(ID, "u-1");
        composed.prefetch(ID, null);

        assertEquals(1, reads.get());
    }

    @Test
    void prefetchWhenOnlyTheUserMissingThenReadAgain() {
        composed.prefetch(ID, null);
        composed.prefetch(ID, "u-1");

        assertEquals(2, reads.get());
        assertTrue(users.find(KEY.metadata().partnerId(), "u-1").isPresent());
    }

    @Test
    void prefetchWhenChangedThroughThisNodeDuringTheReadThenNothingItFoundIsKept() {
        duringRead = () -> {
            settings.put(AuthenticatorSettings.INITIAL);
            keys.delete(ID);
            users.setEnabled(KEY.metadata().partnerId(), "u-1", false);
        };

        composed.prefetch(ID, "u-1");

        assertEquals(AuthenticatorSettings.INITIAL, settings.get(), "the store beneath answers");
        assertEquals(Optional.empty(), keys.find(ID));
        assertEquals(Optional.empty(), users.find(KEY.metadata().partnerId(), "u-1"));
    }

    @Test
    void prefetchWhenReadTookTimeThenCopiesAgedFromBeforeTheRead() {
        duringRead = () -> clock.advance(Duration.ofMillis(600));
        composed.prefetch(ID, "u-1");

        clock.advance(Duration.ofMillis(399));
        assertTrue(keys.find(ID).isPresent(), "999 ms after the read began");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), keys.find(ID), "1 s after the read began: the store beneath answers");
        assertEquals(AuthenticatorSettings.INITIAL, settings.get());
    }

    @Test
    void prefetchWhenKeyAbsentThenUnknownRememberedAndNoUserKept() {
        answer = new ComposedRead.Found(ON, null, null);

        composed.prefetch(ID, "u-1");
        composed.prefetch(ID, "u-1");

        assertEquals(1, reads.get(), "an unknown id is answered from memory, as a known one is");
        assertEquals(Optional.empty(), keys.find(ID));
    }

    @Test
    void prefetchWhenUserAbsentThenNotKeptAndReadAgainNextTime() {
        answer = new ComposedRead.Found(ON, KEY, null);

        composed.prefetch(ID, "u-1");
        composed.prefetch(ID, "u-1");

        assertEquals(2, reads.get(), "a user created on another node is found at once");
    }

    @Test
    void prefetchWhenACopyIsCurrentThenNotReplacedByWhatTheReadSaw() {
        keys.insert(KEY);
        keys.find(ID); // a current copy of this node's own
        StoredKey renamed = new StoredKey(KEY.metadata().withName("renamed elsewhere"), KEY.hash());
        answer = new ComposedRead.Found(ON, renamed, user());

        composed.prefetch(ID, "u-1");

        assertEquals("Key " + ID.value(), keys.find(ID).orElseThrow().metadata().name());
        assertFalse(keys.find(ID).orElseThrow().metadata().name().contains("elsewhere"));
    }
}
