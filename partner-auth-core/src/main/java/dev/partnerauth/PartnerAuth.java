package dev.partnerauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.partnerauth.allowlist.ForwardedHeader;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.audit.AuditListener;
import dev.partnerauth.audit.AuditLog;
import dev.partnerauth.internal.memory.InMemoryAuditLog;
import dev.partnerauth.audit.JdbcAuditLog;
import dev.partnerauth.audit.Slf4jAuditListener;
import dev.partnerauth.internal.allowlist.ClientIpResolver;
import dev.partnerauth.internal.cache.CachingKeyStore;
import dev.partnerauth.internal.cache.CachingPartnerUserStore;
import dev.partnerauth.internal.cache.CachingSettingsStore;
import dev.partnerauth.internal.calls.ComposedCalls;
import dev.partnerauth.internal.calls.PartnerCalls;
import dev.partnerauth.internal.calls.Redemption;
import dev.partnerauth.internal.calls.StoreCalls;
import dev.partnerauth.internal.cache.PartnerApiReads;
import dev.partnerauth.internal.jdbc.JdbcPartnerApiRead;
import dev.partnerauth.internal.jdbc.JdbcUserSignIn;
import dev.partnerauth.internal.jdbc.StoreDatabase;
import dev.partnerauth.internal.key.KeyService;
import dev.partnerauth.internal.key.VerifiedKey;
import dev.partnerauth.internal.throttle.FailureThrottle;
import dev.partnerauth.internal.throttle.IssueLimit;
import dev.partnerauth.internal.token.TokenService;
import dev.partnerauth.jdbc.PartnerAuthSchema;
import dev.partnerauth.jdbc.SchemaSetup;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.internal.memory.InMemoryKeyStore;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.JdbcKeyStore;
import dev.partnerauth.key.KeyChanges;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.KeyStore;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.key.PresentedKey;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.launch.LaunchRoutes;
import dev.partnerauth.launch.TemplateLaunchRoutes;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.internal.memory.InMemorySettingsStore;
import dev.partnerauth.settings.JdbcSettingsStore;
import dev.partnerauth.settings.SettingsStore;
import dev.partnerauth.token.CaffeineGrantStore;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.internal.memory.InMemorySigningKeyStore;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.internal.jdbc.JdbcGrantStore;
import dev.partnerauth.internal.jdbc.JdbcSigningKeyStore;
import dev.partnerauth.token.OneTimeGrantStore;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.token.SigningKeyStore;
import dev.partnerauth.internal.memory.InMemoryPartnerUserStore;
import dev.partnerauth.user.JdbcPartnerUserStore;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.PartnerUserStore;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner sign-in bridge, assembled: the one object a host builds (with {@link #builder()}) and
 * hands to the servlet filters. Thread-safe.
 *
 * <p>The flow: {@link #authenticate} checks a PRM's key and provisions the partner user, returning
 * a single-use access token; {@link #launch} redeems that token for a sign-in and a redirect URL
 * carrying a single-use launch code; {@link #redeemLaunchCode} turns the code into the signed-in
 * principal on the host's own origin. Refusals are {@link PartnerAuthRejection}s, audited with
 * their reason and counted against the client address by the throttles.
 */
public final class PartnerAuth {
    /** How long a rolled key keeps working by default: a day for the partner to deploy the new one. */
    public static final Duration DEFAULT_KEY_ROLL_GRACE = KeyService.DEFAULT_ROLL_GRACE;
    /** The longest grace a roll allows: a leaked key must not be kept alive for months by mistake. */
    public static final Duration MAX_KEY_ROLL_GRACE = KeyService.MAX_ROLL_GRACE;
    private static final Logger LOG = LoggerFactory.getLogger(PartnerAuth.class);
    /**
     * How often the launch authorizer may refuse one access token (on this node) before the token
     * is refused unasked. A refused launch leaves its token unspent, and a live token is judged
     * whatever its network's count; without this, one token could make the host's CRM answer for
     * id after id until it expires. A real user opens one opportunity per token.
     */
    public static final int MAX_LAUNCH_REFUSALS_PER_TOKEN = 10;
    private final Clock clock;
    private final KeyService keys;
    private final SettingsStore settings;
    private final PartnerUserStore users;
    /** The Partner API calls' one read ahead of their checks, or null: see {@link PartnerApiReads}. */
    private final PartnerApiReads reads;
    private final OneTimeGrantStore grants;
    private final TokenService tokens;
    private final LaunchRoutes routes;
    private final AuditLog auditLog;
    private final AuditListener audit;
    /** Every listener but the audit log, which {@link #calls} writes: the SLF4J line and the host's. */
    private final AuditListener others;
    private final PartnerCalls calls;
    private final ClientIpResolver clientIps;
    private final FailureThrottle keyFailures;
    private final FailureThrottle tokenFailures;
    private final IssueLimit issueLimit;
    /** Launch authorizer refusals per live token, by the token's digest: see {@link #MAX_LAUNCH_REFUSALS_PER_TOKEN}. */
    private final Cache<GrantDigest, Integer> launchRefusals;
    private final SessionGrounds grounds;
    private final LaunchAuthorizer launchAuthorizer;
    private final java.util.concurrent.atomic.AtomicBoolean warnedLocalSocket = new java.util.concurrent.atomic.AtomicBoolean();

    private PartnerAuth(Builder b, Stores stores) {
        this.clock = b.clock;
        this.auditLog = stores.audit();
        List<AuditListener> listeners = new ArrayList<>();
        if (b.slf4jAudit) {
            listeners.add(new Slf4jAuditListener());
        }
        listeners.addAll(b.extraListeners);
        List<AuditListener> rest = List.copyOf(listeners);
        listeners.add(0, stores.audit());
        List<AuditListener> all = List.copyOf(listeners);
        this.audit = event -> all.forEach(l -> l.onEvent(event));
        this.others = event -> rest.forEach(l -> l.onEvent(event));
        SecureRandom random = b.random != null ? b.random : new PerThreadSecureRandom();
        KeyStore keyStore = stores.keys();
        SettingsStore settingsStore = stores.settings();
        PartnerUserStore userStore = stores.users();
        Duration cacheMaxAge = b.storeCacheMaxAge();
        PartnerApiReads composed = null;
        if (cacheMaxAge != null) {
            CachingKeyStore cachedKeys = new CachingKeyStore(keyStore, cacheMaxAge, b.ticker);
            CachingSettingsStore cachedSettings = new CachingSettingsStore(settingsStore, cacheMaxAge, b.ticker);
            DataSource own = stores.ownTables();
            CachingPartnerUserStore cachedUsers = new CachingPartnerUserStore(userStore, cacheMaxAge, b.ticker,
                    own == null ? null : new JdbcUserSignIn(own, StoreDatabase.DEFAULT_QUERY_TIMEOUT));
            if (own != null) {
                composed = new PartnerApiReads(cachedSettings, cachedKeys, cachedUsers,
                        new JdbcPartnerApiRead(own, StoreDatabase.DEFAULT_QUERY_TIMEOUT));
            }
            keyStore = cachedKeys;
            settingsStore = cachedSettings;
            userStore = cachedUsers;
        }
        this.reads = composed;
        this.settings = settingsStore;
        // beneath the read caches, whose copies may be older than a live session may lag
        this.grounds = new SessionGrounds(stores.keys(), stores.users(), stores.settings(), b.sessionCheckInterval,
                b.ticker, b.clock);
        this.users = new SessionGroundsUserStore(userStore, grounds);
        this.grants = stores.grants() != null ? stores.grants() : new CaffeineGrantStore(b.clock, b.ticker,
                b.maxOutstandingGrants != null ? b.maxOutstandingGrants : CaffeineGrantStore.DEFAULT_MAXIMUM_SIZE);
        // A deleted key's grants are not dropped from the store: admit() refuses them at once on
        // every node, audited as KEY_REVOKED (dropping them would audit ALREADY_USED instead), and
        // they leave the store by themselves within one token lifetime. A deleted id never returns.
        // every key change made through this node is audited: that event is what ends its sessions here at once
        AuditListener keyAudit = event -> {
            // deleted, expiry changed, rolled (the old key's expiry set): any key change may end sessions
            if (event.type().name().startsWith("KEY_")) {
                grounds.keysChanged();
            }
            audit.onEvent(event);
        };
        this.keys = new KeyService(keyStore, b.pepper, keyAudit, b.clock, random);
        this.tokens = new TokenService(stores.signingKeys(), grants, b.clock, random, b.tokenTtl);
        // one read and one write per call where the library owns every table the calls touch
        this.calls = stores.composedOn() != null
                ? new ComposedCalls(stores.composedOn(), StoreDatabase.DEFAULT_QUERY_TIMEOUT, keys)
                : new StoreCalls(settings, keys, users, grants, auditLog);
        this.routes = b.routes != null ? b.routes : new TemplateLaunchRoutes(b.publicBaseUrl);
        this.clientIps = new ClientIpResolver(b.trustedProxies, b.forwardedHeader, b.trustLocalSocket);
        this.launchAuthorizer = b.launchAuthorizer;
        if (launchAuthorizer == LaunchAuthorizer.allowAll()) {
            LOG.warn("No launch authorizer is set (PartnerAuth.Builder.launchAuthorizer): every partner may open "
                    + "every opportunity and quote id its browser names. Set one that asks your CRM.");
        }
        this.keyFailures = new FailureThrottle(b.keyFailureLimit, b.throttleWindow, b.maxTrackedClients, b.clock, b.ticker);
        this.tokenFailures = new FailureThrottle(b.tokenFailureLimit, b.throttleWindow, b.maxTrackedClients, b.clock, b.ticker);
        this.launchRefusals = Caffeine.newBuilder().ticker(b.ticker).expireAfterWrite(b.tokenTtl)
                .maximumSize(b.maxTrackedClients).executor(Runnable::run).build();
        this.issueLimit = new IssueLimit(b.maxOutstandingTokensPerPartner, b.tokenTtl, b.maxTrackedClients, b.clock, b.ticker);
    }

    /**
     * The stores {@link Builder#build} settled on; {@code grants} null for the default Caffeine
     * store; {@code ownTables} the database when the library owns its key, settings and user tables
     * ({@link Builder#database} with none of those stores set apart), so that one statement may
     * read all three, else null; {@code composedOn} the database when the library's own stores
     * hold keys, settings, users, grants and audit events all on it, otherwise null.
     */
    private record Stores(KeyStore keys, SettingsStore settings, PartnerUserStore users, OneTimeGrantStore grants,
                          SigningKeyStore signingKeys, AuditLog audit, DataSource ownTables, DataSource composedOn) {
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code POST /api/v1/authenticate/user}: checks the authenticator, the key and the client
     * address, provisions the partner user, and mints a single-use access token.
     *
     * @throws TooManyRequestsException for a refused key while this network has used up its refusals,
     *                                  or when the key's partner has {@link
     *                                  Builder#maxOutstandingTokensPerPartner} tokens outstanding
     * @throws ForbiddenException       for every refusal, whatever the reason
     */
    public IssuedCredential authenticate(AuthenticateRequest request, InetAddress client) {
        String userId = request.user().userId();
        VerifiedKey key = null;
        AuthenticationKey[] refusedKey = new AuthenticationKey[1];
        try {
            key = verifiedKey(request.presentedKey(), userId, client, refusedKey);
            KeyId keyId = key.id();
            // the key alone decides the partner: nothing in the body can name another one
            PartnerId partner = key.metadata().partnerId();
            // before the user is provisioned: a partner at its bound changes nothing
            issueLimit.acquire(partner);
            AuditEvent accepted = event(AuditEventType.AUTHENTICATE_ACCEPTED, partner, keyId, userId, client, null, null);
            // the user provisioned, the token's grant saved in the user's generation, the key's use
            // and the event: one write on the composed path. The grant holds the key store's key
            // and partner ids and the user store's user id, not the request's: held in memory for
            // the token's lifetime, it then keeps nothing young alive
            IssuedCredential token = calls.signIn(partner, keyId, request.user(), () -> users.find(partner, userId),
                    clock.instant(), (storedUserId, generation) -> tokens.newAccessToken(keyId, partner, storedUserId,
                            generation), accepted);
            others.onEvent(accepted);
            return token;
        } catch (ForbiddenException e) {
            recordKeyRefused(key, refusedKey[0], request.presentedKey(), userId, client, e, null);
            throw e;
        } catch (ConflictException | TooManyRequestsException e) {
            // a bound of the partner's (its users, its outstanding tokens), past a verified key;
            // a throttled refused key has no verified key and is not audited, like every 429
            if (key != null) {
                record(AuditEventType.AUTHENTICATE_REFUSED, key.metadata().partnerId(), key.id(), userId, client,
                        e.problems().get(0).code(), null);
            }
            throw e;
        }
    }

    /**
     * {@code POST /api/v1/create/quote}, {@code open/quote}, {@code open/opportunity}: redeems the
     * access token (once) and returns the principal to sign in with the redirect URL. The request
     * body must have been validated already, so that a malformed body does not burn the token.
     * Before the token is spent, the {@link LaunchAuthorizer} decides whether this partner may open
     * the opportunity (or quote); a refusal leaves the token unspent.
     *
     * @param bearerToken the token from the {@code Authorization} header, or {@code null} if none
     * @throws TooManyRequestsException while this address is throttled
     * @throws UnauthenticatedException for every refusal of the token
     * @throws ForbiddenException       when the launch authorizer refuses the partner this launch
     */
    public Launch launch(LaunchRequest request, String bearerToken, InetAddress client) {
        PendingGrant[] claims = new PendingGrant[1];
        try {
            if (bearerToken == null) {
                throw new UnauthenticatedException(UnauthenticatedException.Reason.MISSING);
            }
            // always checked: a live token is accepted whatever its network's count
            TokenService.VerifiedAccessToken token = tokens.verifyAccessToken(bearerToken, claimed -> claims[0] = claimed);
            PendingGrant claimed = token.claimed();
            Instant now = clock.instant();
            // live before the host is asked: a spent token must not learn from the host's
            // authorizer who owns an opportunity, nor make it record a claim. Single use is still
            // decided by the spend below alone: of concurrent requests all may pass here, one wins there
            Redemption found = calls.accessToken(token.digest(), claimed, now)
                    .orElseThrow(() -> new UnauthenticatedException(UnauthenticatedException.Reason.ALREADY_USED));
            TokenService.requireClaimed(found.grant(), claimed);
            // admitted before it is spent, so that the host's authorizer sees only live tokens,
            // partners and users, and a refusal spends nothing
            PartnerPrincipal principal = admit(found, Set.of(request.opportunityId()));
            // only a live token gets here, so junk never takes room in this cache; counted by the
            // token's id, so that another encoding of the same signed token shares the count
            GrantDigest tokenDigest = token.digest();
            Integer refusedBefore = launchRefusals.getIfPresent(tokenDigest);
            if (refusedBefore != null && refusedBefore >= MAX_LAUNCH_REFUSALS_PER_TOKEN) {
                throw new UnauthenticatedException(UnauthenticatedException.Reason.LAUNCH_REFUSED_TOO_OFTEN);
            }
            try {
                authorize(principal, request, client);
            } catch (ForbiddenException refused) {
                launchRefusals.asMap().merge(tokenDigest, 1, Integer::sum);
                throw refused;
            }
            TokenService.NewGrant code = tokens.newLaunchCode(claimed.keyId(), claimed.partnerId(), claimed.userId(),
                    principal.opportunityIds(), claimed.sessionGeneration());
            AuditEvent accepted = event(AuditEventType.TOKEN_ACCEPTED, claimed.partnerId(), claimed.keyId(),
                    claimed.userId(), client, null, request.action().name());
            // the token spent, the code saved and the event written, all or nothing
            calls.spendForLaunchCode(token.digest(), claimed, now, code, accepted)
                    .orElseThrow(() -> new UnauthenticatedException(UnauthenticatedException.Reason.ALREADY_USED));
            URI url = withLaunchCode(routes.target(request), code.credential().value());
            others.onEvent(accepted);
            return new Launch(principal, url);
        } catch (UnauthenticatedException e) {
            RuntimeException answer = tokenFailures.refusal(client, e);
            if (answer == e) {
                // a token with a good signature names its partner, key and user, replays included
                PendingGrant c = claims[0];
                record(AuditEventType.TOKEN_REFUSED, c == null ? null : c.partnerId(), c == null ? null : c.keyId(),
                        c == null ? null : c.userId(), client, e.reason().name(), null);
            }
            throw answer;
        } catch (ForbiddenException e) {
            // a refused launch leaves its token unspent: counted, so that one token cannot make the
            // host's authorizer (its CRM) answer for id after id unnoticed; 429 once over the count
            throw tokenFailures.refusal(client, e);
        }
    }

    /**
     * The landing step: redeems a launch code (once) into the principal to sign in on the host's
     * own origin. A live code is accepted whatever its network's count.
     *
     * @throws TooManyRequestsException for a refused code while this network has used up its refusals
     * @throws UnauthenticatedException for every other refusal of the code
     */
    public PartnerPrincipal redeemLaunchCode(String code, InetAddress client) {
        try {
            GrantDigest digest = tokens.launchCodeDigest(code);
            Instant now = clock.instant();
            Redemption found = calls.launchCode(digest, now)
                    .orElseThrow(() -> new UnauthenticatedException(UnauthenticatedException.Reason.ALREADY_USED));
            PendingGrant grant = found.grant();
            PartnerPrincipal principal = admit(found, grant.opportunityIds());
            AuditEvent accepted = event(AuditEventType.LAUNCH_ACCEPTED, grant.partnerId(), grant.keyId(), grant.userId(),
                    client, null, null);
            calls.spendLaunchCode(found, now, accepted)
                    .orElseThrow(() -> new UnauthenticatedException(UnauthenticatedException.Reason.ALREADY_USED));
            others.onEvent(accepted);
            return principal;
        } catch (UnauthenticatedException e) {
            RuntimeException answer = tokenFailures.refusal(client, e);
            if (answer == e) {
                record(AuditEventType.LAUNCH_REFUSED, null, null, null, client, e.reason().name(), null);
            }
            throw answer;
        }
    }

    /**
     * Whether a signed-in partner session still stands: the authenticator is on, the session's key
     * exists and has not expired, and its user is enabled, active and not signed out since the
     * session began. Each answer is read from the stores at
     * most once per {@link Builder#sessionCheckInterval} on this node (and the key's expiry decided
     * on the clock every time), so a change made on another node reaches this one within that
     * interval; a change made through this {@code PartnerAuth} reaches it at once. When the session
     * no longer stands, this is audited as {@link AuditEventType#SESSION_ENDED} with the reason, and
     * the caller must drop the partner identity from the session.
     *
     * @return empty while the session stands, otherwise why it ended
     * @throws StoreUnavailableException when a store cannot be read: the session neither stands nor ends
     */
    public Optional<SessionEndReason> checkSession(PartnerPrincipal principal, InetAddress client) {
        Objects.requireNonNull(principal, "principal");
        Optional<SessionEndReason> ended = grounds.check(principal);
        ended.ifPresent(reason -> record(AuditEventType.SESSION_ENDED, principal.partnerId(), principal.keyId(),
                principal.user().userId(), client, reason.name(), null));
        return ended;
    }

    /** Adds the launch code to the query, before any fragment (which the server never sees). */
    static URI withLaunchCode(URI target, String code) {
        String s = target.toString();
        int hash = s.indexOf('#');
        String beforeFragment = hash < 0 ? s : s.substring(0, hash);
        String fragment = hash < 0 ? "" : s.substring(hash);
        return URI.create(beforeFragment + (target.getRawQuery() == null ? "?" : "&") + "launch=" + code + fragment);
    }

    /**
     * Re-checks, at redemption, everything that may have changed since the grant was minted: the
     * authenticator, the key (still there, not expired, still the partner's) and the partner's user,
     * as the redemption's read found them.
     */
    private PartnerPrincipal admit(Redemption found, Set<String> opportunityIds) {
        PendingGrant grant = found.grant();
        if (!found.settings().enabled()) {
            throw new UnauthenticatedException(UnauthenticatedException.Reason.AUTHENTICATOR_DISABLED);
        }
        Instant now = clock.instant();
        AuthenticationKey key = found.key().filter(k -> !k.isExpiredAt(now))
                .filter(k -> k.partnerId().equals(grant.partnerId()))
                .orElseThrow(() -> new UnauthenticatedException(UnauthenticatedException.Reason.KEY_REVOKED));
        PartnerUser user = found.user().filter(PartnerUser::enabled)
                .orElseThrow(() -> new UnauthenticatedException(UnauthenticatedException.Reason.USER_DISABLED));
        if (!user.active()) {
            throw new UnauthenticatedException(UnauthenticatedException.Reason.USER_DEACTIVATED);
        }
        // issued in an earlier generation: the user was signed out since. Compared as counts, so a
        // grant minted in the same millisecond as the sign-out, or on a node whose clock is off,
        // is decided by the order of the two writes in the store, not by anyone's clock
        if (user.sessionGeneration() != grant.sessionGeneration()) {
            throw new UnauthenticatedException(UnauthenticatedException.Reason.USER_SIGNED_OUT);
        }
        return new PartnerPrincipal(grant.partnerId(), user.information(), key.id(), key.name(), now,
                opportunityIds, grant.sessionGeneration());
    }

    /**
     * {@code POST /api/v1/signout/user}: the key's partner signs one of its users out everywhere.
     * Every live session of the user ends on this node at once and on every other within {@link
     * Builder#sessionCheckInterval}; every token and launch code issued to it before is refused.
     * The user may sign in again at once. Audited as {@link AuditEventType#USER_SIGNED_OUT}.
     *
     * @throws TooManyRequestsException while this network (or this network and key id) is throttled
     * @throws ForbiddenException       for every refusal of the key, whatever the reason
     * @throws NotFoundException        naming {@code user_id} when the key's partner has no such user
     */
    public void signOutUser(PartnerUserRequest request, InetAddress client) {
        partnerUserCall(request, client, "signout/user", AuditEventType.USER_SIGNED_OUT, users::signOut);
    }

    /**
     * {@code POST /api/v1/deactivate/user}: signs the user out as {@link #signOutUser} does, and
     * refuses it at {@code authenticate/user} until the same partner calls {@link #activateUser}.
     * Audited as {@link AuditEventType#USER_DEACTIVATED}.
     *
     * @throws TooManyRequestsException while this network (or this network and key id) is throttled
     * @throws ForbiddenException       for every refusal of the key, whatever the reason
     * @throws NotFoundException        naming {@code user_id} when the key's partner has no such user
     */
    public void deactivateUser(PartnerUserRequest request, InetAddress client) {
        partnerUserCall(request, client, "deactivate/user", AuditEventType.USER_DEACTIVATED,
                (partner, userId) -> users.setActive(partner, userId, false));
    }

    /**
     * {@code POST /api/v1/activate/user}: lifts the partner's own deactivation. A disable set by the
     * host's admin ({@link #setUserEnabled}) still holds. Audited as {@link
     * AuditEventType#USER_ACTIVATED}.
     *
     * @throws TooManyRequestsException while this network (or this network and key id) is throttled
     * @throws ForbiddenException       for every refusal of the key, whatever the reason
     * @throws NotFoundException        naming {@code user_id} when the key's partner has no such user
     */
    public void activateUser(PartnerUserRequest request, InetAddress client) {
        partnerUserCall(request, client, "activate/user", AuditEventType.USER_ACTIVATED,
                (partner, userId) -> users.setActive(partner, userId, true));
    }

    /**
     * The key checks of {@link #authenticate}, then {@code change} on (the key's partner, the
     * user): no field of the body can name another partner, so another partner's key naming the
     * same {@code user_id} finds no user of its own and changes nothing.
     */
    private void partnerUserCall(PartnerUserRequest request, InetAddress client, String call, AuditEventType done,
                                 java.util.function.BiPredicate<PartnerId, String> change) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(client, "client");
        String userId = request.userId();
        VerifiedKey key = null;
        AuthenticationKey[] refusedKey = new AuthenticationKey[1];
        try {
            // the change writes the user without reading it first: nothing of the user to read ahead
            key = verifiedKey(request.presentedKey(), null, client, refusedKey);
            PartnerId partner = key.metadata().partnerId();
            if (!change.test(partner, userId)) {
                throw new NotFoundException("Not found: user_id", "user_id");
            }
            keys.recordUse(key.id());
            record(done, partner, key.id(), userId, client, null, call);
        } catch (ForbiddenException e) {
            recordKeyRefused(key, refusedKey[0], request.presentedKey(), userId, client, e, call);
            throw e;
        }
    }

    /**
     * The key check of every server-to-server call: the authenticator switch first (while off,
     * nothing is learned about keys and nothing is counted), then the key, always checked, so a good
     * key is accepted whatever its network's count (429 only for refusals). A refused key that a
     * well-formed id named is left in {@code refused[0]} for the audit. {@code userId} is the user
     * the call goes on to look up (null for none), read ahead with the settings and the key when
     * the library owns those stores.
     */
    private VerifiedKey verifiedKey(PresentedKey presented, String userId, InetAddress client,
                                    AuthenticationKey[] refused) {
        if (reads != null && presented.id().isPresent()) {
            // what the checks below and the user's lookup after them read, in one round trip
            reads.prefetch(presented.id().get(), userId);
        }
        if (!settings.get().enabled()) {
            throw new ForbiddenException(ForbiddenException.Reason.AUTHENTICATOR_DISABLED);
        }
        return keys.verify(presented, client, keyFailures, k -> refused[0] = k);
    }

    /**
     * A refused key, audited with the partner only of the key that was verified or that the
     * presented id named: a well-formed id of no key is recorded as presented, its partner unknown.
     */
    private void recordKeyRefused(VerifiedKey verified, AuthenticationKey refused, PresentedKey presented, String userId,
                                  InetAddress client, ForbiddenException e, String detail) {
        AuthenticationKey named = verified != null ? verified.metadata() : refused;
        KeyId keyId = named != null ? named.id() : presented.id().orElse(null);
        record(AuditEventType.AUTHENTICATE_REFUSED, named == null ? null : named.partnerId(), keyId, userId, client,
                e.reason().name(), detail);
    }

    /** Asks the host's authorizer; a refusal is audited with the host's reason and spends nothing. */
    private void authorize(PartnerPrincipal principal, LaunchRequest request, InetAddress client) {
        LaunchAuthorizer.Decision decision = Objects.requireNonNull(
                launchAuthorizer.decide(principal.partnerId(), principal.user(), request), "the launch authorizer's decision");
        if (decision instanceof LaunchAuthorizer.Refused refused) {
            record(AuditEventType.OPPORTUNITY_REFUSED, principal.partnerId(), principal.keyId(),
                    principal.user().userId(), client, refused.reason(), describe(request));
            throw new ForbiddenException(ForbiddenException.Reason.OPPORTUNITY_REFUSED);
        }
    }

    private static String describe(LaunchRequest request) {
        return request.action().name() + " opportunity_id=" + request.opportunityId()
                + (request.quoteId() == null ? "" : " quote_id=" + request.quoteId());
    }

    /** Every key's metadata, oldest first: for the administration page, not for requests. */
    public List<AuthenticationKey> listKeys() {
        return keys.list();
    }

    /** @throws NotFoundException when no key has this id */
    public AuthenticationKey key(KeyId id) {
        return keys.get(Objects.requireNonNull(id, "id"));
    }

    /**
     * Creates a key for a new partner, audited with the administrator. The returned plaintext
     * exists nowhere else.
     *
     * @param expiresAt when the key stops working by itself, or {@code null} for never
     */
    public IssuedKey createKey(String name, IpAllowlist allowedIps, Instant expiresAt, String actor) {
        return keys.create(name, allowedIps, expiresAt, actor);
    }

    /**
     * Creates another key for an existing partner (a hand-over), audited: its users are the same
     * users. A partner exists while it has a key; once its last key is deleted none can join it.
     *
     * @throws InvalidRequestException naming {@code partner_id} when no key has this partner
     */
    public IssuedKey createKeyForPartner(PartnerId partner, String name, IpAllowlist allowedIps, Instant expiresAt,
                                         String actor) {
        return keys.createForPartner(partner, name, allowedIps, expiresAt, actor);
    }

    /**
     * Applies the named changes, each audited, and returns the key as it now is. This node's
     * session checks see the change at once.
     *
     * @throws NotFoundException when no key has this id
     */
    public AuthenticationKey updateKey(KeyId id, KeyChanges changes, String actor) {
        return keys.update(id, changes, actor);
    }

    /**
     * Deletes a key, audited. Its outstanding tokens and launch codes are refused from now on and
     * its sessions end; the tokens leave the grant store by themselves within one token lifetime.
     *
     * @throws NotFoundException when no key has this id
     */
    public void deleteKey(KeyId id, String actor) {
        keys.delete(id, actor);
    }

    /**
     * Rolls a key, audited: a new key of the same partner with the old one's name, IPs and expiry
     * (a contractual end date survives a roll), while the old one keeps working for {@code grace} (never longer than it would have anyway).
     *
     * @param grace 0 to {@link #MAX_KEY_ROLL_GRACE}; 0 ends the old key at once
     * @throws NotFoundException when no key has this id
     */
    public IssuedKey rollKey(KeyId id, Duration grace, String actor) {
        return keys.roll(id, grace, actor);
    }

    public AuthenticatorSettings settings() {
        return settings.get();
    }

    /**
     * Replaces the settings. Enabling requires a CRM that the Partner API supports; disabling drops
     * every outstanding token and launch code at once.
     *
     * @throws ConflictException when enabling without Salesforce or Dynamics
     */
    public AuthenticatorSettings updateSettings(AuthenticatorSettings updated, String actor) {
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(actor, "actor");
        return updateSettings(current -> updated, actor);
    }

    /**
     * Replaces the settings with what {@code change} makes of the current ones, in one atomic step
     * of the settings store, so that two administrators changing different fields at once both
     * keep their change. {@code change} may run more than once; the same rules as {@link
     * #updateSettings(AuthenticatorSettings, String)} apply to its result.
     *
     * @param actor the administrator, for the audit log
     * @throws ConflictException when the result enables without Salesforce or Dynamics (nothing is changed)
     */
    public AuthenticatorSettings updateSettings(UnaryOperator<AuthenticatorSettings> change, String actor) {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(actor, "actor");
        AuthenticatorSettings updated = settings.update(current -> {
            AuthenticatorSettings next = Objects.requireNonNull(change.apply(current), "updated");
            if (next.enabled() && (next.crm() == null || !next.crm().supportsPartnerApi())) {
                throw new ConflictException("CRM_NOT_SUPPORTED", "The partner authenticator can only be enabled "
                        + "for accounts whose CRM is SALESFORCE or DYNAMICS", "crm");
            }
            return next;
        });
        grounds.settingsChanged();
        if (!updated.enabled()) {
            grants.revokeAll();
        }
        audit.onEvent(new AuditEvent(clock.instant(), AuditEventType.SETTINGS_CHANGED, null, null, null, null,
                "enabled=" + updated.enabled() + ", crm=" + updated.crm() + ", allowed_origins=" + updated.allowedOrigins(),
                null, actor));
        return updated;
    }

    /** One partner's user, if it has signed in once. */
    public Optional<PartnerUser> findUser(PartnerId partner, String userId) {
        return users.find(Objects.requireNonNull(partner, "partner"), Objects.requireNonNull(userId, "userId"));
    }

    /**
     * Users for the administration page, ordered by partner and then user id.
     *
     * @param partner only this partner's users, or {@code null} for every partner's
     * @param limit   at most this many, at least 1
     */
    public List<PartnerUser> listUsers(PartnerId partner, int limit) {
        return users.list(partner, limit);
    }

    /**
     * Enables or disables one partner's user, audited with the administrator. A disabled user is
     * refused at {@code authenticate/user}, and its outstanding tokens and launch codes are refused.
     *
     * @throws NotFoundException when the partner has no user with this id
     */
    public PartnerUser setUserEnabled(PartnerId partner, String userId, boolean enabled, String actor) {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(actor, "actor");
        if (!users.setEnabled(partner, userId, enabled)) {
            throw new NotFoundException("No partner user " + userId + " of partner " + partner);
        }
        audit.onEvent(new AuditEvent(clock.instant(), enabled ? AuditEventType.USER_ENABLED : AuditEventType.USER_DISABLED,
                null, userId, null, null, null, partner.value(), actor));
        return users.find(partner, userId).orElseThrow(
                () -> new NotFoundException("No partner user " + userId + " of partner " + partner));
    }

    /**
     * The host's side of {@code signout/user}: ends every live session of one partner's user, and
     * its outstanding tokens and launch codes, audited as {@link AuditEventType#USER_SIGNED_OUT}
     * with the administrator. Changes neither switch: the user can sign in again at once.
     *
     * @throws NotFoundException when the partner has no user with this id
     */
    public void signOutUser(PartnerId partner, String userId, String actor) {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(actor, "actor");
        if (!users.signOut(partner, userId)) {
            throw new NotFoundException("No partner user " + userId + " of partner " + partner);
        }
        audit.onEvent(new AuditEvent(clock.instant(), AuditEventType.USER_SIGNED_OUT, null, userId, null, null, null,
                partner.value(), actor));
    }

    /** The newest audit events kept by the {@link Builder#auditLog}, newest first, at most {@code limit}. */
    public List<AuditEvent> recentAuditEvents(int limit) {
        return auditLog.recent(limit);
    }

    /**
     * The one forwarding header whose values {@link #clientAddress} reads: the one the {@link
     * Builder#trustedProxies} write.
     */
    public ForwardedHeader forwardedHeader() {
        return clientIps.header();
    }

    /**
     * The client address of a request: the connection's peer, or, when that peer is a trusted
     * proxy, the nearest hop in {@link #forwardedHeader} that is not one; empty when the client
     * cannot be known: the peer is not a numeric address (a Unix-domain socket) and {@link
     * Builder#trustedProxies} does not list {@value Builder#LOCAL_SOCKET_PROXY}, or it does and the
     * proxy forwarded nothing. The first time a peer that is not an address is not trusted, one
     * WARN says so: every client behind it is then one client to the throttles. A garbled hop from a trusted proxy is audited ({@link
     * AuditEventType#CLIENT_ADDRESS_REFUSED}, with the proxy's address) before it is refused.
     *
     * @param headerValues every value of the {@link #forwardedHeader} header
     * @throws ForbiddenException when a trusted proxy forwarded a hop that is not an address
     */
    public Optional<InetAddress> clientAddress(String remoteAddress, List<String> headerValues) {
        try {
            Optional<InetAddress> client = clientIps.resolve(remoteAddress, headerValues);
            if (client.isEmpty() && !clientIps.trustsLocalSocket() && !warnedLocalSocket.getAndSet(true)) {
                LOG.warn("A request came from a peer that is not an IP address (a Unix-domain socket proxy?): "
                        + "clients behind it cannot be told apart, so they share one throttle count and match only "
                        + "keys without an IP allowlist. If it is your proxy, add \"" + Builder.LOCAL_SOCKET_PROXY
                        + "\" to PartnerAuth.Builder.trustedProxies so its forwarding header names each client.");
            }
            return client;
        } catch (ForbiddenException e) {
            audit.onEvent(new AuditEvent(clock.instant(), AuditEventType.CLIENT_ADDRESS_REFUSED, null, null,
                    remoteAddress, e.reason().name(), null, null, null));
            throw e;
        }
    }

    /** How long access tokens and launch codes live ({@link Builder#tokenTtl}). */
    public Duration tokenLifetime() {
        return tokens.ttl();
    }

    /**
     * Signs new tokens with a fresh key from now on, on every node that shares the signing-key
     * store; tokens signed a moment before stay valid until they expire.
     */
    public void rotateSigningKey() {
        tokens.rotateSigningKey();
    }

    /** For tests in this package that need a token this façade would never mint. */
    TokenService tokens() {
        return tokens;
    }

    /**
     * Housekeeping for the host to schedule (nothing here starts a thread): removes at most
     * {@code limit} expired grants and retires superseded signing keys.
     *
     * @return how many grants were removed
     */
    public int purgeExpired(int limit) {
        int removed = grants.purgeExpired(clock.instant(), limit);
        tokens.removeRetiredSigningKeys();
        return removed;
    }

    /**
     * Audits an event of the Partner API path that writes nothing else (a refusal): its one write.
     * On the composed path a failed write fails the call ({@link StoreUnavailableException}).
     */
    private void record(AuditEventType type, PartnerId partner, KeyId keyId, String userId, InetAddress client,
                        String reason, String detail) {
        AuditEvent event = event(type, partner, keyId, userId, client, reason, detail);
        calls.audit(event);
        others.onEvent(event);
    }

    /** The one place the Partner API path makes its audit events. */
    private AuditEvent event(AuditEventType type, PartnerId partner, KeyId keyId, String userId, InetAddress client,
                             String reason, String detail) {
        return new AuditEvent(clock.instant(), type, keyId == null ? null : keyId.value(), userId,
                client.getHostAddress(), reason, detail, partner == null ? null : partner.value(), null);
    }

    /**
     * Assembles a {@link PartnerAuth}. Required: {@link #keyPepper} and either {@link
     * #publicBaseUrl} or {@link #launchRoutes}. Everything else has a safe default: in-memory
     * stores, a Caffeine grant store of {@value CaffeineGrantStore#DEFAULT_MAXIMUM_SIZE} entries,
     * 60-second tokens, 10 refused keys and 60 refused tokens per client network a minute before
     * that network's refusals are answered 429 (good credentials are accepted whatever the count),
     * 10 000 outstanding tokens per partner, no trusted proxies, audit to SLF4J and to a 1000-event in-memory log. Without a {@link
     * #launchAuthorizer} every opportunity is allowed, and {@link #build} logs one WARN saying so.
     * Not thread-safe; build once.
     */
    public static final class Builder {
        /** The longest a live partner session may outlast its key, its user or the authenticator on another node. */
        public static final Duration MAX_SESSION_CHECK_INTERVAL = Duration.ofSeconds(5);
        /**
         * How long a node on a {@link #database} answers from keys, settings and users it read, by
         * default: a change made on another node is seen here within this time ({@link #cacheStoreReads}).
         */
        public static final Duration DEFAULT_DATABASE_CACHE_STORE_READS = Duration.ofSeconds(1);

        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.systemTicker();
        private SecureRandom random;
        private KeyPepper pepper;
        private URI publicBaseUrl;
        private LaunchRoutes routes;
        private Duration tokenTtl = Duration.ofSeconds(60);
        // unset stores come from the database when one is given, otherwise from memory (see build)
        private DataSource database;
        private SchemaSetup schemaSetup;
        private KeyStore keyStore;
        private SettingsStore settingsStore;
        private PartnerUserStore userStore;
        private OneTimeGrantStore grantStore;
        private SigningKeyStore signingKeyStore;
        private AuditLog auditLog;
        private final List<AuditListener> extraListeners = new ArrayList<>();
        private boolean slf4jAudit = true;
        private IpAllowlist trustedProxies = IpAllowlist.ANY;
        private boolean trustLocalSocket;
        /** The {@link #trustedProxies} entry for a proxy on a Unix-domain socket. */
        public static final String LOCAL_SOCKET_PROXY = "unix";
        private ForwardedHeader forwardedHeader = ForwardedHeader.X_FORWARDED_FOR;
        private Long maxOutstandingGrants;
        /** {@link #maxOutstandingTokensPerPartner}'s default: about 83 sign-ins a second sustained for 60-second tokens. */
        public static final int DEFAULT_MAX_OUTSTANDING_TOKENS_PER_PARTNER = 10_000;
        private int maxOutstandingTokensPerPartner = DEFAULT_MAX_OUTSTANDING_TOKENS_PER_PARTNER;
        private int keyFailureLimit = 10;
        private int tokenFailureLimit = 60;
        private Duration throttleWindow = Duration.ofMinutes(1);
        private long maxTrackedClients = 100_000;
        private Duration storeCacheMaxAge;
        private Duration sessionCheckInterval = MAX_SESSION_CHECK_INTERVAL;
        private LaunchAuthorizer launchAuthorizer = LaunchAuthorizer.allowAll();

        private Builder() {
        }

        /**
         * Decides whether a partner may open an opportunity or quote, before its token is spent.
         * Default {@link LaunchAuthorizer#allowAll()}, with one WARN at build: without one, the
         * opportunities of a session are whatever ids the partner's browser named.
         */
        public Builder launchAuthorizer(LaunchAuthorizer authorizer) {
            this.launchAuthorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** The server-side secret for key hashes: required, at least 32 bytes, the same on every node. */
        public Builder keyPepper(KeyPepper pepper) {
            this.pepper = Objects.requireNonNull(pepper, "pepper");
            return this;
        }

        /** The host's public URL; redirect URLs are built from it, never from a request's Host header. */
        public Builder publicBaseUrl(URI url) {
            this.publicBaseUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Custom landing pages instead of the default templates under {@link #publicBaseUrl}. */
        public Builder launchRoutes(LaunchRoutes routes) {
            this.routes = Objects.requireNonNull(routes, "routes");
            return this;
        }

        /** How long access tokens and launch codes live: default 60 seconds, 5 seconds to 10 minutes. */
        public Builder tokenTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.compareTo(Duration.ofSeconds(5)) < 0 || ttl.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("tokenTtl must be between 5 seconds and 10 minutes, got " + ttl);
            }
            this.tokenTtl = ttl;
            return this;
        }

        /** The time source of every decision. Tests pass a fixed or moving clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The time source of the Caffeine caches' own expiry; keep it in step with {@link #clock} in tests. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * The randomness of keys, tokens and codes: default one DRBG {@link SecureRandom} per thread,
         * so that minting takes no lock shared between request threads.
         */
        public Builder secureRandom(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Puts every store on the host's database, for one node or several: keys, settings, partner
         * users, outstanding tokens and launch codes, token-signing keys and audit events, each in
         * its {@code Jdbc*} store, after creating whatever tables are missing ({@link
         * SchemaSetup#APPLY}). A store also set explicitly (for instance a {@link
         * dev.partnerauth.audit.BufferedAuditLog} as {@link #auditLog}) takes that store's place.
         * At start-up the database's pepper fingerprint is checked (see {@link #build}).
         *
         * <p>Nothing here closes the data source, which stays the host's. Audit events are inserted
         * on the request thread, so nothing starts a thread: a host that wants them batched passes
         * its own buffered log and closes it.
         *
         * <p>With no store of the host's set, each Partner API call reads once and writes once: its
         * grant, its user, its key's last use and its audit event in one statement on PostgreSQL,
         * one transaction on H2 and MariaDB/MySQL. A call whose write fails, the audit event's
         * included, fails with {@link StoreUnavailableException} and leaves nothing written. With
         * any store set, each store is called on its own and {@link
         * dev.partnerauth.audit.JdbcAuditLog} keeps its rule: an event it cannot store is logged.
         */
        public Builder database(DataSource dataSource) {
            return database(dataSource, SchemaSetup.APPLY);
        }

        /**
         * {@link #database(DataSource)}, with the schema applied or, for hosts whose migration tool
         * owns it, only verified ({@link SchemaSetup#VERIFY}): a missing table then fails {@link
         * #build} with its name.
         */
        public Builder database(DataSource dataSource, SchemaSetup schema) {
            this.database = Objects.requireNonNull(dataSource, "dataSource");
            this.schemaSetup = Objects.requireNonNull(schema, "schema");
            return this;
        }

        public Builder keyStore(KeyStore store) {
            this.keyStore = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder settingsStore(SettingsStore store) {
            this.settingsStore = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder userStore(PartnerUserStore store) {
            this.userStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where outstanding tokens and launch codes live; default a bounded Caffeine cache. */
        public Builder grantStore(OneTimeGrantStore store) {
            this.grantStore = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder signingKeyStore(SigningKeyStore store) {
            this.signingKeyStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where audit events are kept for the admin API; default the last 1000 in memory. Every
         * event is handed to it on the request thread: to write a {@link
         * dev.partnerauth.audit.JdbcAuditLog} in batches on a thread of its own, pass a {@link
         * dev.partnerauth.audit.BufferedAuditLog} around it. {@code PartnerAuth} never closes the
         * log: the host closes a buffered one when it shuts down, after the last request.
         */
        public Builder auditLog(AuditLog log) {
            this.auditLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /** An extra listener that receives every audit event. */
        public Builder auditListener(AuditListener listener) {
            this.extraListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Whether audit events also go to the SLF4J logger {@code dev.partnerauth.audit}: default yes. */
        public Builder slf4jAudit(boolean enabled) {
            this.slf4jAudit = enabled;
            return this;
        }

        /**
         * Proxies whose {@link #forwardedHeader} is believed (addresses or CIDR blocks). Default
         * none: the connection's address is the client.
         *
         * <p>The entry {@value #LOCAL_SOCKET_PROXY} trusts a peer that is not an IP address: a proxy
         * on a Unix-domain socket, which only a process on this machine can open. Without it,
         * nothing tells the clients behind such a proxy apart: they are one unknown client, that
         * matches only an empty key allowlist and shares one throttle count (which slows only
         * their refused requests; their good credentials still pass).
         */
        public Builder trustedProxies(List<String> proxies) {
            List<String> addresses = new ArrayList<>();
            boolean localSocket = false;
            for (String entry : Objects.requireNonNull(proxies, "proxies")) {
                if (entry != null && entry.trim().equalsIgnoreCase(LOCAL_SOCKET_PROXY)) {
                    localSocket = true;
                } else {
                    addresses.add(entry);
                }
            }
            this.trustedProxies = IpAllowlist.parse(addresses);
            this.trustLocalSocket = localSocket;
            return this;
        }

        /**
         * The one forwarding header the {@link #trustedProxies} write: default {@code
         * X-Forwarded-For}. The other header is ignored, since those proxies pass it on from the
         * caller untouched.
         */
        public Builder forwardedHeader(ForwardedHeader header) {
            this.forwardedHeader = Objects.requireNonNull(header, "header");
            return this;
        }

        /** The bound of the default Caffeine grant store; contradicts {@link #grantStore}. */
        public Builder maxOutstandingGrants(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxOutstandingGrants must be positive");
            }
            this.maxOutstandingGrants = max;
            return this;
        }

        /**
         * The most access tokens one partner may have outstanding on this node: default {@value
         * #DEFAULT_MAX_OUTSTANDING_TOKENS_PER_PARTNER}. A successful {@code authenticate/user} past
         * it is answered 429 with {@code Retry-After}, so one partner's key cannot fill the grant
         * store and evict other partners' tokens. Counted per token lifetime: tokens minted in the
         * last two lifetimes count, a conservative bound on those outstanding.
         */
        public Builder maxOutstandingTokensPerPartner(int max) {
            this.maxOutstandingTokensPerPartner = positive(max, "maxOutstandingTokensPerPartner");
            return this;
        }

        /** Refused keys per client network per window on {@code authenticate/user}: default 10. */
        public Builder keyFailureLimit(int limit) {
            this.keyFailureLimit = positive(limit, "keyFailureLimit");
            return this;
        }

        /** Refused tokens and launch codes per client network per window: default 60. */
        public Builder tokenFailureLimit(int limit) {
            this.tokenFailureLimit = positive(limit, "tokenFailureLimit");
            return this;
        }

        /** The throttle window: default one minute. */
        public Builder throttleWindow(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("throttleWindow must be positive");
            }
            this.throttleWindow = window;
            return this;
        }

        /** How many client addresses each throttle remembers at most: default 100 000. */
        public Builder maxTrackedClients(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxTrackedClients must be positive");
            }
            this.maxTrackedClients = max;
            return this;
        }

        /**
         * Keeps keys, settings and partner users read from their stores in memory for at most
         * {@code maxAge}, so that a sign-in runs no database query for them. Default: {@link
         * #DEFAULT_DATABASE_CACHE_STORE_READS} (1 second) with {@link #database}, which the spec
         * allows a node on a shared database; off with stores set one by one and no database.
         * {@link Duration#ZERO} turns it off: every call then reads its key, the settings and its
         * user from the stores, each in its own statement.
         *
         * <p>Changes made through this {@code PartnerAuth} (the admin API, {@link PartnerAuth#setUserEnabled}) take
         * effect at once on this node. Changes made on another node, or in the database by hand,
         * take effect here only after up to {@code maxAge}: a key deleted, a user disabled or the
         * authenticator disabled on node A keeps working on node B until then, for new sign-ins and
         * for the deleted key's outstanding tokens (disabling the authenticator still drops every
         * outstanding token from a shared grant store at once). With {@link #database} and none of
         * the host's stores, tokens and launch codes are redeemed against a fresh read of their key,
         * user and the settings, so only new sign-ins see the older copies. So: on a single node any value
         * will do, since every change comes through it; on several nodes, only a delay everyone
         * accepts. Live sessions are checked beneath this cache ({@link #sessionCheckInterval}).
         *
         * <p>With {@link #database} and none of the key, settings and user stores set apart, a
         * Partner API call that finds any of its key, the settings or its user missing here reads
         * all three in one statement.
         *
         * @param maxAge 0 (off), or 1 ns to one hour
         */
        public Builder cacheStoreReads(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("cacheStoreReads must be 0 (off) or between 1 ns and 1 hour, got "
                        + maxAge);
            }
            this.storeCacheMaxAge = maxAge;
            return this;
        }

        /** The read cache's age in effect, or null when it is off: see {@link #cacheStoreReads}. */
        private Duration storeCacheMaxAge() {
            Duration age = storeCacheMaxAge != null ? storeCacheMaxAge
                    : database != null ? DEFAULT_DATABASE_CACHE_STORE_READS : Duration.ZERO;
            return age.isZero() ? null : age;
        }

        /**
         * How long {@link PartnerAuth#checkSession} may answer from what it read before: default and
         * at most 5 seconds, at least 10 ms. Each node reads each key, each user and the settings at
         * most once per interval for all of its sessions, so a shorter interval costs more reads.
         */
        public Builder sessionCheckInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.compareTo(Duration.ofMillis(10)) < 0 || interval.compareTo(MAX_SESSION_CHECK_INTERVAL) > 0) {
                throw new IllegalArgumentException("sessionCheckInterval must be between 10 ms and 5 s, got " + interval);
            }
            this.sessionCheckInterval = interval;
            return this;
        }

        /**
         * Checks the configuration and assembles the service. With a {@link #database}, applies or
         * verifies the schema first. With keys in a {@link JdbcKeyStore}, checks the pepper against
         * the fingerprint the database keeps (the first node records it): a node started with
         * another pepper than the others is refused here, before it serves a request.
         *
         * @throws IllegalStateException naming what is missing or contradictory, a missing table,
         *                               or a pepper that is not the database's
         * @throws StoreUnavailableException when the database cannot be reached
         */
        public PartnerAuth build() {
            if (pepper == null) {
                throw new IllegalStateException("keyPepper is required: 32 or more random bytes, kept outside the database");
            }
            if (publicBaseUrl == null && routes == null) {
                throw new IllegalStateException("publicBaseUrl (or launchRoutes) is required");
            }
            if (publicBaseUrl != null && routes != null) {
                throw new IllegalStateException("set publicBaseUrl or launchRoutes, not both");
            }
            if ((grantStore != null || database != null) && maxOutstandingGrants != null) {
                throw new IllegalStateException("maxOutstandingGrants applies to the default grant store only, "
                        + "but " + (grantStore != null ? "a grantStore" : "a database") + " was set");
            }
            refuseHalfConfiguredTokens();
            if (database != null) {
                if (schemaSetup == SchemaSetup.APPLY) {
                    PartnerAuthSchema.apply(database);
                } else {
                    PartnerAuthSchema.verify(database);
                }
            }
            Stores stores = new Stores(
                    keyStore != null ? keyStore : database != null ? new JdbcKeyStore(database) : new InMemoryKeyStore(),
                    settingsStore != null ? settingsStore : database != null
                            ? new JdbcSettingsStore(database, StoreDatabase.DEFAULT_QUERY_TIMEOUT, clock)
                            : new InMemorySettingsStore(),
                    userStore != null ? userStore
                            : database != null ? new JdbcPartnerUserStore(database) : new InMemoryPartnerUserStore(),
                    grantStore != null ? grantStore : database != null ? new JdbcGrantStore(database) : null,
                    signingKeyStore != null ? signingKeyStore
                            : database != null ? new JdbcSigningKeyStore(database) : new InMemorySigningKeyStore(),
                    auditLog != null ? auditLog : database != null ? new JdbcAuditLog(database) : new InMemoryAuditLog(1000),
                    // one statement can join the three tables only when all three are the library's
                    database != null && keyStore == null && settingsStore == null && userStore == null
                            ? database : null,
                    database != null && keyStore == null && settingsStore == null && userStore == null
                            && grantStore == null && auditLog == null ? database : null);
            if (stores.keys() instanceof JdbcKeyStore jdbcKeys) {
                jdbcKeys.verifyPepper(pepper, clock.instant());
            }
            return new PartnerAuth(this, stores);
        }

        /**
         * Outstanding tokens in the database but the keys that sign them in memory (or the
         * reverse) works on one node and fails on several: a token minted on node A is refused on
         * node B, whose signing key or grant it cannot see. Refused whichever the number of nodes,
         * so that the mistake shows at the first start rather than behind the load balancer.
         */
        private void refuseHalfConfiguredTokens() {
            boolean databaseGrants = grantStore instanceof JdbcGrantStore || (grantStore == null && database != null);
            boolean memoryGrants = grantStore instanceof CaffeineGrantStore || (grantStore == null && database == null);
            boolean databaseSigning = signingKeyStore instanceof JdbcSigningKeyStore
                    || (signingKeyStore == null && database != null);
            boolean memorySigning = signingKeyStore instanceof InMemorySigningKeyStore
                    || (signingKeyStore == null && database == null);
            if ((databaseGrants && memorySigning) || (memoryGrants && databaseSigning)) {
                throw new IllegalStateException("grantStore and signingKeyStore must both be in the database or both "
                        + "in memory, but grantStore is " + (databaseGrants ? "in the database" : "in memory")
                        + " and signingKeyStore " + (databaseSigning ? "in the database" : "in memory")
                        + ": on several nodes a token minted on one node would be refused on another. "
                        + "Use database(dataSource) for both, or set neither for one node in memory");
            }
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
