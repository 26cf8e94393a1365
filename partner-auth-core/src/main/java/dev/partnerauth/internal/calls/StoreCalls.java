package dev.partnerauth.internal.calls;

import dev.partnerauth.ForbiddenException;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditLog;
import dev.partnerauth.internal.key.KeyService;
import dev.partnerauth.internal.token.TokenService;
import dev.partnerauth.internal.token.TokenService.NewGrant;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.settings.SettingsStore;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.token.OneTimeGrantStore;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.PartnerUserStore;
import dev.partnerauth.user.UserInformation;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The calls store by store, over the public store interfaces: what a host that plugs in any store
 * of its own gets. Each store makes its own round trip, and audit events go to the {@link AuditLog}
 * under its own rules (a {@code JdbcAuditLog} logs an event it could not store and lets the call
 * succeed).
 */
public final class StoreCalls implements PartnerCalls {
    private final SettingsStore settings;
    private final KeyService keys;
    private final PartnerUserStore users;
    private final OneTimeGrantStore grants;
    private final AuditLog auditLog;

    public StoreCalls(SettingsStore settings, KeyService keys, PartnerUserStore users, OneTimeGrantStore grants,
                      AuditLog auditLog) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.users = Objects.requireNonNull(users, "users");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
    }

    @Override
    public IssuedCredential signIn(PartnerId partner, KeyId key, UserInformation user,
                                   Supplier<Optional<PartnerUser>> known, Instant now, Mint mint,
                                   AuditEvent accepted) {
        // the store's upsert reads the user itself and decides whether to write it
        PartnerUser stored = users.upsert(partner, user, now);
        if (!stored.enabled()) {
            throw new ForbiddenException(ForbiddenException.Reason.USER_DISABLED);
        }
        if (!stored.active()) {
            throw new ForbiddenException(ForbiddenException.Reason.USER_DEACTIVATED);
        }
        // minted in the user's current generation: a sign-out after this read, on any node,
        // moves the stored generation on and the token is refused at redemption. The stored
        // user's id, equal to the request's: the grant store keeps it for the token's lifetime
        NewGrant token = mint.token(stored.userId(), stored.sessionGeneration());
        grants.save(GrantKind.ACCESS_TOKEN, token.digest(), token.grant());
        keys.recordUse(key);
        auditLog.onEvent(accepted);
        return token.credential();
    }

    /** A store tells only whether it holds the token; what it holds is what the signed claims say. */
    @Override
    public Optional<Redemption> accessToken(GrantDigest digest, PendingGrant claimed, Instant now) {
        if (!grants.isOutstanding(GrantKind.ACCESS_TOKEN, digest, now)) {
            return Optional.empty();
        }
        return Optional.of(new StoreRedemption(digest, claimed));
    }

    @Override
    public Optional<PendingGrant> spendForLaunchCode(GrantDigest token, PendingGrant claimed, Instant now, NewGrant code,
                                                     AuditEvent accepted) {
        Optional<PendingGrant> spent = grants.consume(GrantKind.ACCESS_TOKEN, token, now);
        if (spent.isEmpty()) {
            return spent;
        }
        TokenService.requireClaimed(spent.get(), claimed);
        grants.save(GrantKind.LAUNCH_CODE, code.digest(), code.grant());
        auditLog.onEvent(accepted);
        return spent;
    }

    /**
     * A store can only hand a launch code's grant over by consuming it, so here the code is spent by
     * the read, before it is admitted, and a refused code stays spent.
     */
    @Override
    public Optional<Redemption> launchCode(GrantDigest digest, Instant now) {
        return grants.consume(GrantKind.LAUNCH_CODE, digest, now).map(grant -> new StoreRedemption(digest, grant));
    }

    @Override
    public Optional<PendingGrant> spendLaunchCode(Redemption found, Instant now, AuditEvent accepted) {
        auditLog.onEvent(accepted);
        return Optional.of(found.grant());
    }

    @Override
    public void audit(AuditEvent event) {
        auditLog.onEvent(event);
    }

    /** Reads each store when asked, in the order admitting asks, so that a refusal reads no further. */
    private final class StoreRedemption implements Redemption {
        private final GrantDigest digest;
        private final PendingGrant grant;

        StoreRedemption(GrantDigest digest, PendingGrant grant) {
            this.digest = digest;
            this.grant = grant;
        }

        @Override
        public GrantDigest digest() {
            return digest;
        }

        @Override
        public PendingGrant grant() {
            return grant;
        }

        @Override
        public AuthenticatorSettings settings() {
            return settings.get();
        }

        @Override
        public Optional<AuthenticationKey> key() {
            return keys.findActive(grant.keyId());
        }

        @Override
        public Optional<PartnerUser> user() {
            return users.find(grant.partnerId(), grant.userId());
        }
    }
}
