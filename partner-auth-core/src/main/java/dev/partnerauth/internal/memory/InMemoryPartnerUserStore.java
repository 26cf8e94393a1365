package dev.partnerauth.internal.memory;

import dev.partnerauth.ConflictException;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Partner users in this JVM's memory, at most {@code maxUsersPerPartner} per partner: every new
 * {@code user_id} a partner's key sends is kept, so without a bound one key could fill the heap. A
 * new user past the bound is refused (409 {@code USER_LIMIT_REACHED}); the partner's existing users
 * still sign in, and other partners are not affected.
 */
public final class InMemoryPartnerUserStore implements PartnerUserStore {
    /** The default bound: about 10 000 sign-in records of up to a few kilobytes each per partner. */
    public static final int DEFAULT_MAX_USERS_PER_PARTNER = 10_000;
    private final ConcurrentMap<UserIdentity, PartnerUser> users = new ConcurrentHashMap<>();
    private final ConcurrentMap<PartnerId, AtomicInteger> perPartner = new ConcurrentHashMap<>();
    private final int maxUsersPerPartner;

    /** At most {@value #DEFAULT_MAX_USERS_PER_PARTNER} users per partner. */
    public InMemoryPartnerUserStore() {
        this(DEFAULT_MAX_USERS_PER_PARTNER);
    }

    /** @param maxUsersPerPartner how many users one partner may have here, at least 1 */
    public InMemoryPartnerUserStore(int maxUsersPerPartner) {
        if (maxUsersPerPartner < 1) {
            throw new IllegalArgumentException("maxUsersPerPartner must be positive");
        }
        this.maxUsersPerPartner = maxUsersPerPartner;
    }

    /** @throws ConflictException ({@code USER_LIMIT_REACHED}) for a new user of a partner at the bound */
    @Override
    public PartnerUser upsert(PartnerId partner, UserInformation information, Instant now) {
        AtomicInteger count = perPartner.computeIfAbsent(partner, p -> new AtomicInteger());
        return users.compute(new UserIdentity(partner, information.userId()), (id, old) -> {
            if (old != null) {
                return old.isCurrentFor(information, now) ? old : old.signedInWith(information, now);
            }
            // inside compute, so two new users racing for the last place cannot both take it
            if (count.incrementAndGet() > maxUsersPerPartner) {
                count.decrementAndGet();
                throw new ConflictException("USER_LIMIT_REACHED", "This partner has reached its limit of "
                        + maxUsersPerPartner + " users", "user_information.user_id");
            }
            return new PartnerUser(partner, information, true, now, now, now);
        });
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
    public boolean signOut(PartnerId partner, String userId) {
        return users.computeIfPresent(new UserIdentity(partner, userId), (id, old) -> old.signedOut()) != null;
    }

    @Override
    public boolean setActive(PartnerId partner, String userId, boolean active) {
        return users.computeIfPresent(new UserIdentity(partner, userId), (id, old) -> old.withActive(active)) != null;
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
