package dev.partnerauth.user;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Partner users in this JVM's memory. */
public final class InMemoryPartnerUserStore implements PartnerUserStore {
    private final ConcurrentMap<String, PartnerUser> users = new ConcurrentHashMap<>();

    @Override
    public PartnerUser upsert(UserInformation information, Instant now) {
        return users.merge(information.userId(), new PartnerUser(information, true, now, now),
                (old, fresh) -> old.information().equals(information)
                        ? old : new PartnerUser(information, old.enabled(), old.createdAt(), now));
    }

    @Override
    public Optional<PartnerUser> find(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    @Override
    public boolean setEnabled(String userId, boolean enabled) {
        return users.computeIfPresent(userId,
                (id, old) -> new PartnerUser(old.information(), enabled, old.createdAt(), old.updatedAt())) != null;
    }
}
