package dev.partnerauth;

import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.PartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.time.Instant;
import java.util.Optional;

/**
 * The user store as {@link PartnerAuth#users()} hands it out: enabling or disabling a user through
 * it reaches this node's live sessions at once instead of after the session check's staleness.
 */
final class SessionGroundsUserStore implements PartnerUserStore {
    private final PartnerUserStore delegate;
    private final SessionGrounds grounds;

    SessionGroundsUserStore(PartnerUserStore delegate, SessionGrounds grounds) {
        this.delegate = delegate;
        this.grounds = grounds;
    }

    @Override
    public PartnerUser upsert(UserInformation information, Instant now) {
        return delegate.upsert(information, now);
    }

    @Override
    public Optional<PartnerUser> find(String userId) {
        return delegate.find(userId);
    }

    @Override
    public boolean setEnabled(String userId, boolean enabled) {
        try {
            return delegate.setEnabled(userId, enabled);
        } finally {
            grounds.userChanged(userId);
        }
    }
}
