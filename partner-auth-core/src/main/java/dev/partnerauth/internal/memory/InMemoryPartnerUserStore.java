package dev.partnerauth.internal.memory;

import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.PartnerUserStore;
import dev.partnerauth.user.UserInformation;
import dev.partnerauth.key.PartnerId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Partner users in this JVM's memory. */
public final class InMemoryPartnerUserStore implements PartnerUserStore {
    private final ConcurrentMap<UserIdentity, PartnerUser> users = new ConcurrentHashMap<>();

    @Override
    public PartnerUser upsert(PartnerId partner, UserInformation information, Instant now) {
        return users.merge(new UserIdentity(partner, information.userId()),
                new PartnerUser(partner, information, true, now, now, now),
                (old, fresh) -> old.isCurrentFor(information, now) ? old : old.signedInWith(information, now));
    }

    @Override
    public Optional<PartnerUser> find(PartnerId partner, String userId) {
        return Optional.ofNullable(users.get(new UserIdentity(partner, userId)));
    }

    @Override
    public boolean setEnabled(PartnerId partner, String userId, boolean enabled) {
        return users.computeIfPresent(new UserIdentity(partner, userId), (id, old) -> old.withEnabled(enabled)) != null;
    }

    @Override
    public List<PartnerUser> list(PartnerId partner, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return users.values().stream()
                .filter(u -> partner == null || u.partnerId().equals(partner))
                .sorted(Comparator.comparing((PartnerUser u) -> u.partnerId().value()).thenComparing(PartnerUser::userId))
                .limit(limit)
                .toList();
    }
}
