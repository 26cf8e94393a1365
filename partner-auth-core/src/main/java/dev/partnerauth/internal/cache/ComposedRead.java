package dev.partnerauth.internal.cache;

import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.StoredKey;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.user.PartnerUser;
import java.util.Objects;

/**
 * One read, in one round trip, of what a Partner API call checks: the settings, the key a
 * presented id names, and that key's partner's user. Implemented over the library's own tables
 * (see {@code JdbcPartnerApiRead}); {@link PartnerApiReads} keeps what it returns.
 */
@FunctionalInterface
public interface ComposedRead {
    /**
     * @param keyId  the presented key's id
     * @param userId the user of the key's partner to read too, or {@code null} for none
     */
    Found read(KeyId keyId, String userId);

    /**
     * What the read found.
     *
     * @param settings the settings as {@code SettingsStore.get} answers them (the initial ones when never saved)
     * @param key      the key with that id, or {@code null} when there is none
     * @param user     the key's partner's user with that id, or {@code null} when there is none (or no key)
     */
    record Found(AuthenticatorSettings settings, StoredKey key, PartnerUser user) {
        public Found {
            Objects.requireNonNull(settings, "settings");
            if (user != null && (key == null || !user.partnerId().equals(key.metadata().partnerId()))) {
                throw new IllegalArgumentException("a user is read only as its key's partner's");
            }
        }
    }
}
