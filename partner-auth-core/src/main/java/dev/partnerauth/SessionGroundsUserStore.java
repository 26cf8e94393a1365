package dev.partnerauth;

import dev.partnerauth.key.PartnerId;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.PartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The user store behind {@link PartnerAuth#setUserEnabled} and the sign-outs: enabling, disabling,
 * deactivating or signing out a user through it reaches this node's live sessions at once instead of after the session check's staleness.
 */
final class SessionGroundsUserStore implements PartnerUserStore {
    private final PartnerUserStore delegate;
    private final SessionGrounds grounds;

    SessionGroundsUserStore(PartnerUserStore delegate, SessionGrounds grounds) {
        this.delegate = delegate;
        this.grounds = grounds;
    }

    @Override
    public PartnerUser upsert(PartnerId partner, UserInformation information, Instant now) {
        return delegate.upsert(partner, information, now);
    }

    @Override
    public Optional<PartnerUser> find(PartnerId partner, String userId) {
        return delegate.find(partner, userId);
    }

    @Override
    public boolean setEnabled(PartnerId partner, String userId, boolean enabled) {
        try {
            return delegate.setEnabled(partner, userId, enabled);
        } finally {
            grounds.userChanged(partner, userId);
        }
    }

    @Override
    public boolean signOut(PartnerId partner, String userId) {
        try {
            return delegate.signOut(partner, userId);
        } finally {
            grounds.userChanged(partner, userId);
        }
    }

    @Override
    public boolean setActive(PartnerId partner, String userId, boolean active) {
        try {
            return delegate.setActive(partner, userId, active);
        } finally {
            grounds.userChanged(partner, userId);
        }
    }

    @Override
    public List<PartnerUser> list(PartnerId partner, int limit) {
        return delegate.list(partner, limit);
    }
}
