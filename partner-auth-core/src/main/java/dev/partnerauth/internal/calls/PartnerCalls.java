package dev.partnerauth.internal.calls;

import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.internal.token.TokenService.NewGrant;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.UserInformation;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The reads and writes of the Partner API's calls, after the checks that need no store (key
 * format, JWS signature and expiry) and around the host's launch authorizer. {@code PartnerAuth}
 * has one code path over this; whether a call costs one statement or one per store is decided
 * here. An accepted call's audit event is handed in and written by the implementation, with the
 * call's own write where it can be; the caller hands every event to the other listeners itself.
 */
public interface PartnerCalls {
    /**
     * {@code authenticate/user} past the key check: provisions the user (to within the user
     * store's sign-in resolution), saves the access token's grant when the user may sign in,
     * records the key's use when due, and writes {@code accepted}.
     *
     * @param known  the user as the caller reads it (its read cache, or a read of its own), which
     *               decides whether the user row must be written; not asked by an implementation
     *               whose user store decides that itself
     * @param mint   signs a token for the user in the given session generation; may be called again
     *               when another node signed the user out since it was read
     * @throws dev.partnerauth.ForbiddenException (user disabled or deactivated) with no grant saved
     *                                            and nothing audited: the caller audits the refusal
     */
    IssuedCredential signIn(PartnerId partner, KeyId key, UserInformation user, Supplier<Optional<PartnerUser>> known,
                            Instant now, Mint mint, AuditEvent accepted);

    /** Signs an access token; the caller has bound the key and the partner. */
    @FunctionalInterface
    interface Mint {
        /**
         * @param userId the user store's own string where the implementation has the stored user:
         *               a grant held in memory then keeps alive nothing of the request's, which
         *               would otherwise stay in the young generation as long as the token is
         *               outstanding (see {@code CaffeineGrantStore})
         */
        NewGrant token(String userId, long sessionGeneration);
    }

    /**
     * The one read of a redemption: the outstanding access token's grant, with its key, its user
     * and the settings; empty when the token is spent, expired or unknown.
     *
     * @param claimed what the token's signed claims say
     */
    Optional<Redemption> accessToken(GrantDigest digest, PendingGrant claimed, Instant now);

    /**
     * Spends the access token, saves the launch code and writes {@code accepted}, all or nothing.
     *
     * @return the spent grant; empty when another request spent it first (nothing saved, nothing written)
     */
    Optional<PendingGrant> spendForLaunchCode(GrantDigest token, PendingGrant claimed, Instant now, NewGrant code,
                                              AuditEvent accepted);

    /** The one read of the landing: the launch code's grant with its key, its user and the settings. */
    Optional<Redemption> launchCode(GrantDigest digest, Instant now);

    /**
     * Spends the launch code that {@link #launchCode} found and writes {@code accepted}, all or nothing.
     *
     * @return the spent grant; empty when another request spent it first
     */
    Optional<PendingGrant> spendLaunchCode(Redemption found, Instant now, AuditEvent accepted);

    /**
     * Writes an event of a call that writes nothing else (a refusal). Whether a failure fails the
     * call is the implementation's: the audit log's own rule over host stores, always on the composed path.
     */
    void audit(AuditEvent event);
}
