package dev.partnerauth.internal.cache;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.StoredKey;
import java.util.Objects;

/**
 * Makes a Partner API call read the database at most once: before the call checks the settings,
 * the presented key and the user, whatever of the three this node holds no current copy of is
 * read in one {@link ComposedRead} and kept in the caching stores, so that the checks that follow
 * answer from memory. Only for stores the library owns (on {@code PartnerAuth.Builder.database}),
 * whose tables one statement can join; hosts' own stores are read through their interfaces.
 *
 * <p>A kept copy is the same as one the store's own read would have kept: aged from before the
 * composed read began, never answered after a change made through this node since then, and an
 * absent user is not kept (a user created on another node is found at once). That no key has an
 * id is kept, as {@code CachingKeyStore} keeps it. Thread-safe.
 */
public final class PartnerApiReads {
    private final CachingSettingsStore settings;
    private final CachingKeyStore keys;
    private final CachingPartnerUserStore users;
    private final ComposedRead read;

    public PartnerApiReads(CachingSettingsStore settings, CachingKeyStore keys, CachingPartnerUserStore users,
                           ComposedRead read) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.users = Objects.requireNonNull(users, "users");
        this.read = Objects.requireNonNull(read, "read");
    }

    /**
     * Reads what is missing of the settings, the key {@code keyId} and (when {@code userId} is not
     * null) the key's partner's user {@code userId}, in one statement, or nothing when all of it is
     * held. A user already known absent cannot be told from one never read, so it is read again;
     * the user store's own sign-in path then reads it too.
     */
    public void prefetch(KeyId keyId, String userId) {
        Objects.requireNonNull(keyId, "keyId");
        boolean settingsHeld = settings.holds();
        boolean keyHeld = keys.holds(keyId);
        StoredKey key = keys.cached(keyId);
        boolean userWanted = userId != null && (!keyHeld || key != null);
        boolean userHeld = !userWanted || key != null && users.holds(key.metadata().partnerId(), userId);
        if (settingsHeld && keyHeld && userHeld) {
            return;
        }
        ReadCache.ReadStart settingsBefore = settings.readBegins();
        CachingKeyStore.ReadStarts keyBefore = keys.readBegins();
        ReadCache.ReadStart userBefore = users.readBegins();
        ComposedRead.Found found = read.read(keyId, userWanted ? userId : null);
        settings.prime(found.settings(), settingsBefore);
        keys.prime(keyId, found.key(), keyBefore);
        users.prime(found.user(), userBefore);
    }
}
