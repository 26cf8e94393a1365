package dev.partnerauth.servlet;

import dev.partnerauth.key.PartnerId;
import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.PartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A host user store that works until a test makes every call throw, as a broken database would. */
final class FailingUsers implements PartnerUserStore {
    private final PartnerUserStore delegate = new InMemoryPartnerUserStore();
    private volatile RuntimeException failure;

    /** From now on every call throws {@code failure}. */
    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public PartnerUser upsert(PartnerId partner, UserInformation information, Instant now) {
        failIfAsked();
        return delegate.upsert(partner, information, now);
    }

    @Override
    public Optional<PartnerUser> find(PartnerId partner, String userId) {
        failIfAsked();
        return delegate.find(partner, userId);
    }

    @Override
    public boolean setEnabled(PartnerId partner, String userId, boolean enabled) {
        failIfAsked();
        return delegate.setEnabled(partner, userId, enabled);
    }

    @Override
    public List<PartnerUser> list(PartnerId partner, int limit) {
        failIfAsked();
        return delegate.list(partner, limit);
    }

    private void failIfAsked() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }
}
