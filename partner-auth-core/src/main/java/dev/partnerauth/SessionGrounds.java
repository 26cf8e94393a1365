package dev.partnerauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyStore;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.key.StoredKey;
import dev.partnerauth.settings.SettingsStore;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.PartnerUserStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The answers behind {@link PartnerAuth#checkSession}: whether the authenticator is on, a key still
 * exists, a user is still enabled, active and in the session's generation (not signed out since), each read from the store at most once per {@code staleness} on
 * this node, absent answers included (a deleted key asked about by many sessions costs one read).
 *
 * <p>It reads the stores beneath any {@code cacheStoreReads} copies, whose age may be up to an
 * hour: the bound of a live session is this class's {@code staleness}, not theirs. Changes made
 * through this node drop the copies concerned at once. Caffeine computes one key's answer once
 * while other threads asking for it wait, so a burst of requests after expiry costs one read.
 * Thread-safe.
 */
final class SessionGrounds {
    private static final long MAXIMUM_SIZE = 100_000;
    private static final Object SETTINGS = new Object();

    private final KeyStore keyStore;
    private final PartnerUserStore userStore;
    private final SettingsStore settingsStore;
    private final Clock clock;
    private final Cache<Object, Boolean> enabled;
    private final Cache<KeyId, Optional<AuthenticationKey>> keys;
    private final Cache<UserKey, Standing> users;

    SessionGrounds(KeyStore keys, PartnerUserStore users, SettingsStore settings, Duration staleness, Ticker ticker,
                   Clock clock) {
        this.keyStore = Objects.requireNonNull(keys, "keys");
        this.userStore = Objects.requireNonNull(users, "users");
        this.settingsStore = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.enabled = cache(staleness, ticker);
        this.keys = cache(staleness, ticker);
        this.users = cache(staleness, ticker);
    }

    private static <K, V> Cache<K, V> cache(Duration staleness, Ticker ticker) {
        return Caffeine.newBuilder().ticker(ticker).expireAfterWrite(staleness).maximumSize(MAXIMUM_SIZE)
                .executor(Runnable::run).build();
    }

    /** Empty while the session's grounds hold; otherwise the first that no longer does. */
    Optional<SessionEndReason> check(PartnerPrincipal principal) {
        if (!enabled.get(SETTINGS, k -> settingsStore.get().enabled())) {
            return Optional.of(SessionEndReason.AUTHENTICATOR_DISABLED);
        }
        Optional<AuthenticationKey> key = keys.get(principal.keyId(), id -> keyStore.find(id).map(StoredKey::metadata));
        if (key.isEmpty()) {
            return Optional.of(SessionEndReason.KEY_REVOKED);
        }
        // the expiry is in the copy: it is decided on the clock at every request, with no read
        if (key.get().isExpiredAt(clock.instant())) {
            return Optional.of(SessionEndReason.KEY_EXPIRED);
        }
        UserKey userKey = new UserKey(principal.partnerId(), principal.user().userId());
        Standing user = users.get(userKey, this::read);
        if (user != Standing.GONE && user.sessionGeneration() < principal.sessionGeneration()) {
            // the session began after this copy was read (a sign-in after a sign-out, on another
            // node): the copy is older than the session and says nothing about it
            user = read(userKey);
            users.put(userKey, user);
        }
        if (!user.enabled()) {
            return Optional.of(SessionEndReason.USER_DISABLED);
        }
        if (user.sessionGeneration() < principal.sessionGeneration()) {
            // still older once read again: the record was replaced under the session (a host's
            // store reset or re-created the user), which no session outlives
            return Optional.of(SessionEndReason.USER_SIGNED_OUT);
        }
        // a count, not a time: the session stands in the generation it began in, and a sign-out
        // anywhere moves the stored one on, whatever the clocks of the nodes say
        if (user.sessionGeneration() > principal.sessionGeneration()) {
            return Optional.of(user.active() ? SessionEndReason.USER_SIGNED_OUT : SessionEndReason.USER_DEACTIVATED);
        }
        return user.active() ? Optional.empty() : Optional.of(SessionEndReason.USER_DEACTIVATED);
    }

    private Standing read(UserKey u) {
        return userStore.find(u.partner(), u.userId()).map(Standing::of).orElse(Standing.GONE);
    }

    void settingsChanged() {
        enabled.invalidateAll();
    }

    /** A key was deleted or its expiry changed through this node. Key changes are rare: drop all. */
    void keysChanged() {
        keys.invalidateAll();
    }

    void userChanged(PartnerId partner, String userId) {
        users.invalidate(new UserKey(partner, userId));
    }

    /** What the session check needs of a user record; a vanished user stands nowhere. */
    private record Standing(boolean enabled, boolean active, long sessionGeneration) {
        static final Standing GONE = new Standing(false, false, -1);

        static Standing of(PartnerUser user) {
            return new Standing(user.enabled(), user.active(), user.sessionGeneration());
        }
    }

    /** A user is (partner, user_id): the same user_id at two partners is two users. */
    private record UserKey(PartnerId partner, String userId) {
    }
}
