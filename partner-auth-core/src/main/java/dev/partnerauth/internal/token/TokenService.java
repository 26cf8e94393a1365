package dev.partnerauth.internal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.partnerauth.UnauthenticatedException.Reason;
import dev.partnerauth.UnauthenticatedException;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.token.OneTimeGrantStore;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.token.SigningKey;
import dev.partnerauth.token.SigningKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Mints and redeems access tokens and launch codes.
 *
 * <p>Redeeming an access token checks, in order: its size and shape, the HS256 signature under a
 * known signing key (constant-time; a token in the exact form our signer writes is read by the
 * signer itself, any other by nimbus), the expiry against the injected clock (nimbus's
 * own claim checks read the system time and are not used), that the store still holds it (so a spent
 * token never reaches the next step), the caller's checks of what the token claims (partner, key,
 * user, the host's authorizer), then removes the grant from the store in one atomic step. Forged and
 * expired tokens cost no store call.
 */
public final class TokenService {
    /** Far above a real token (about 300 characters): longer input is refused unparsed. */
    static final int MAX_TOKEN_LENGTH = 2048;
    private static final int LAUNCH_CODE_BYTES = 32;
    /** At most one reload of the signing keys per second when a token names an unknown kid. */
    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

    private final SigningKeyStore signingKeys;
    private final OneTimeGrantStore grants;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration ttl;
    /**
     * How long the cached signing keys are trusted. Another node may rotate at any moment; re-reading
     * within half a token lifetime means every node signs with the new key by then, so the last token
     * signed with the old key expires within 1.5 lifetimes of the rotation, before {@link
     * #removeRetiredSigningKeys} (two lifetimes) may delete that key under the other nodes.
     */
    private final Duration keyRefreshInterval;
    private volatile KeySet keySet;

    public TokenService(SigningKeyStore signingKeys, OneTimeGrantStore grants, Clock clock, SecureRandom random, Duration ttl) {
        this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.keyRefreshInterval = ttl.dividedBy(2);
    }

    public Duration ttl() {
        return ttl;
    }

    /** Mints a single-use access token for a partner's user signed in through one of its keys. */
    public IssuedCredential mintAccessToken(KeyId keyId, PartnerId partnerId, String userId) {
        return mintAccessToken(keyId, partnerId, userId, 0);
    }

    /**
     * Mints a single-use access token for a partner's user, in its current session generation: the
     * token is refused once the user is signed out, whatever the clocks of the nodes.
     */
    public IssuedCredential mintAccessToken(KeyId keyId, PartnerId partnerId, String userId, long sessionGeneration) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(userId, "userId");
        NewGrant token = newAccessToken(keyId, partnerId, userId, sessionGeneration);
        grants.save(GrantKind.ACCESS_TOKEN, token.digest(), token.grant());
        return token.credential();
    }

    /**
     * A signed access token and the grant that makes it redeemable, not saved yet: for a caller that
     * saves the grant in a write of its own (with the audit event, in one statement).
     */
    public NewGrant newAccessToken(KeyId keyId, PartnerId partnerId, String userId, long sessionGeneration) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(userId, "userId");
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        String jti = randomText(16);
        String token = keySet().signers.get(0).sign(jti, userId, partnerId, keyId, now, expiresAt, sessionGeneration);
        return new NewGrant(new IssuedCredential(token, expiresAt), GrantDigest.of(jti),
                new PendingGrant(keyId, partnerId, userId, Set.of(), expiresAt, sessionGeneration));
    }

    /**
     * A credential and the grant row that redeems it, before it is saved.
     *
     * @param digest the row's key: the SHA-256 of the token's id or of the launch code
     */
    public record NewGrant(IssuedCredential credential, GrantDigest digest, PendingGrant grant) {
        public NewGrant {
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(grant, "grant");
        }
    }

    /**
     * An access token whose shape, signature and expiry have been checked: what it claims and the
     * digest of its id, under which the grant store keeps it. Not yet known to be outstanding.
     */
    public record VerifiedAccessToken(PendingGrant claimed, GrantDigest digest) {
        public VerifiedAccessToken {
            Objects.requireNonNull(claimed, "claimed");
            Objects.requireNonNull(digest, "digest");
        }
    }

    /**
     * Redeems an access token, once.
     *
     * @param beforeSpending called with what the token claims, once its signature and expiry have
     *                       been checked and the store still holds it, before it is spent; whatever
     *                       it throws leaves the token unspent. A forged, expired or spent token
     *                       never reaches it.
     * @throws UnauthenticatedException when it is malformed, forged, expired or already used
     */
    public PendingGrant redeemAccessToken(String token, Consumer<PendingGrant> beforeSpending) {
        return redeemAccessToken(token, claimed -> { }, beforeSpending);
    }

    /**
     * {@link #redeemAccessToken(String, Consumer)}, telling {@code verified} what a token with a
     * good signature claims before anything else is judged (expiry, single use), so that its
     * refusals can be audited with the partner and key it names. Only signed claims reach it.
     */
    public PendingGrant redeemAccessToken(String token, Consumer<PendingGrant> verified,
                                          Consumer<PendingGrant> beforeSpending) {
        Objects.requireNonNull(beforeSpending, "beforeSpending");
        VerifiedAccessToken checked = verifyAccessToken(token, verified);
        PendingGrant claimed = checked.claimed();
        GrantDigest digest = checked.digest();
        Instant now = clock.instant();
        // live before the host is asked: a spent token must not learn from the host's authorizer
        // who owns an opportunity, nor make it record a claim. Single use is still decided by the
        // atomic consume below alone: of concurrent requests all may pass here, one wins there.
        if (!grants.isOutstanding(GrantKind.ACCESS_TOKEN, digest, now)) {
            throw new UnauthenticatedException(Reason.ALREADY_USED);
        }
        beforeSpending.accept(claimed);
        PendingGrant spent = grants.consume(GrantKind.ACCESS_TOKEN, digest, now)
                .orElseThrow(() -> new UnauthenticatedException(Reason.ALREADY_USED));
        requireClaimed(spent, claimed);
        return spent;
    }

    /**
     * The checks of an access token that need no store: size and shape, the signature, the expiry.
     * {@code verified} is told what a token with a good signature claims before its expiry is judged.
     *
     * @throws UnauthenticatedException when it is malformed, forged or expired
     */
    public VerifiedAccessToken verifyAccessToken(String token, Consumer<PendingGrant> verified) {
        Objects.requireNonNull(verified, "verified");
        Objects.requireNonNull(token, "token");
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new UnauthenticatedException(Reason.MALFORMED);
        }
        // a token one of our keys signed, in the form it signs: read without nimbus (whose parse
        // and verify were 5-16 % of a pair's request-thread CPU, docs/benchmarks.md); every
        // other token the general way, so every refusal and its reason stay nimbus's
        for (AccessTokenSigner signer : keySet().signers) {
            Optional<AccessTokenSigner.OwnToken> own = signer.readOwn(token);
            if (own.isPresent()) {
                PendingGrant claimed = own.get().claimed();
                verified.accept(claimed);
                if (claimed.isExpiredAt(clock.instant())) {
                    throw new UnauthenticatedException(Reason.EXPIRED);
                }
                return new VerifiedAccessToken(claimed, GrantDigest.of(own.get().jti()));
            }
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (java.text.ParseException | RuntimeException e) {
            throw new UnauthenticatedException(Reason.MALFORMED);
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || header.getKeyID() == null) {
            throw new UnauthenticatedException(Reason.MALFORMED);
        }
        MACVerifier verifier = verifierFor(header.getKeyID());
        boolean valid;
        try {
            valid = verifier != null && jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            valid = false;
        }
        // a base64 decoder reads the last character's two spare bits as nothing, so one signature
        // has several spellings: only the one we write is the token, as the signer's own reader holds
        if (!valid || !token.endsWith("." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(jwt.getSignature().decode()))) {
            throw new UnauthenticatedException(Reason.BAD_SIGNATURE);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || claims.getJWTID() == null) {
            throw new UnauthenticatedException(Reason.MALFORMED);
        }
        PendingGrant claimed = claimedGrant(claims, exp.toInstant());
        verified.accept(claimed);
        if (!now.isBefore(exp.toInstant())) {
            throw new UnauthenticatedException(Reason.EXPIRED);
        }
        return new VerifiedAccessToken(claimed, GrantDigest.of(claims.getJWTID()));
    }

    /**
     * The claims are signed and the row is keyed by the token's own id, so they agree unless a
     * store mixes rows up; then the token names a sign-in it was not minted for.
     *
     * @throws UnauthenticatedException (malformed) when the stored grant is not the claimed one
     */
    public static void requireClaimed(PendingGrant stored, PendingGrant claimed) {
        if (!stored.keyId().equals(claimed.keyId()) || !stored.partnerId().equals(claimed.partnerId())
                || !stored.userId().equals(claimed.userId()) || stored.sessionGeneration() != claimed.sessionGeneration()) {
            throw new UnauthenticatedException(Reason.MALFORMED);
        }
    }

    /** What a verified token says it grants; a token without partner, key or subject is malformed. */
    private static PendingGrant claimedGrant(JWTClaimsSet claims, Instant expiresAt) {
        try {
            Optional<PartnerId> partner = PartnerId.parse(claims.getStringClaim(AccessTokenSigner.PARTNER_CLAIM));
            Optional<KeyId> key = KeyId.parse(claims.getStringClaim(AccessTokenSigner.KEY_CLAIM));
            String subject = claims.getSubject();
            if (partner.isEmpty() || key.isEmpty() || subject == null) {
                throw new UnauthenticatedException(Reason.MALFORMED);
            }
            // a token minted before generations existed carries none: the first generation
            Long generation = claims.getLongClaim(AccessTokenSigner.GENERATION_CLAIM);
            if (generation != null && generation < 0) {
                throw new UnauthenticatedException(Reason.MALFORMED);
            }
            return new PendingGrant(key.get(), partner.get(), subject, Set.of(), expiresAt,
                    generation == null ? 0 : generation);
        } catch (java.text.ParseException e) {
            throw new UnauthenticatedException(Reason.MALFORMED);
        }
    }

    /** Mints a single-use launch code that carries a sign-in across the redirect into the host. */
    public IssuedCredential mintLaunchCode(KeyId keyId, PartnerId partnerId, String userId, Set<String> opportunityIds) {
        return mintLaunchCode(keyId, partnerId, userId, opportunityIds, 0);
    }

    /** A launch code in the user's session generation: refused once the user is signed out. */
    public IssuedCredential mintLaunchCode(KeyId keyId, PartnerId partnerId, String userId, Set<String> opportunityIds,
                                           long sessionGeneration) {
        NewGrant code = newLaunchCode(keyId, partnerId, userId, opportunityIds, sessionGeneration);
        grants.save(GrantKind.LAUNCH_CODE, code.digest(), code.grant());
        return code.credential();
    }

    /** A launch code and its grant, not saved yet (see {@link #newAccessToken}). */
    public NewGrant newLaunchCode(KeyId keyId, PartnerId partnerId, String userId, Set<String> opportunityIds,
                                  long sessionGeneration) {
        Instant expiresAt = clock.instant().plus(ttl);
        String code = randomText(LAUNCH_CODE_BYTES);
        return new NewGrant(new IssuedCredential(code, expiresAt), GrantDigest.of(code),
                new PendingGrant(keyId, partnerId, userId, opportunityIds, expiresAt, sessionGeneration));
    }

    /**
     * Redeems a launch code, once.
     *
     * @throws UnauthenticatedException when it is malformed, unknown, expired or already used
     */
    public PendingGrant redeemLaunchCode(String code) {
        return grants.consume(GrantKind.LAUNCH_CODE, launchCodeDigest(code), clock.instant())
                .orElseThrow(() -> new UnauthenticatedException(Reason.ALREADY_USED));
    }

    /**
     * The digest a launch code is kept under, once its shape is checked: a code of another shape
     * costs no store call.
     *
     * @throws UnauthenticatedException (malformed) for anything that is not a code of ours
     */
    public GrantDigest launchCodeDigest(String code) {
        Objects.requireNonNull(code, "code");
        if (code.length() != 43 || !code.chars().allMatch(TokenService::isBase64Url)) {
            throw new UnauthenticatedException(Reason.MALFORMED);
        }
        return GrantDigest.of(code);
    }

    /**
     * Starts signing with a new key. Tokens signed with the previous keys stay valid until those
     * keys are removed by {@link #removeRetiredSigningKeys()}, at least one token lifetime later.
     * Other nodes sharing the signing key store sign with the new key within half a token lifetime.
     */
    public void rotateSigningKey() {
        signingKeys.add(SigningKey.generate(random, clock.instant()));
        keySet = null;
    }

    /** Removes signing keys that were superseded more than two token lifetimes ago. */
    public int removeRetiredSigningKeys() {
        Instant horizon = clock.instant().minus(ttl.multipliedBy(2));
        // The key that was newest at the horizon may have signed a token that is still outstanding;
        // only the keys older than it were superseded before the horizon. A key's own age says
        // nothing: a key in use for a month signed tokens until the moment it was rotated out.
        for (SigningKey key : signingKeys.keys(() -> SigningKey.generate(random, clock.instant()))) {
            if (!key.createdAt().isAfter(horizon)) {
                int removed = signingKeys.removeCreatedBefore(key.createdAt());
                if (removed > 0) {
                    keySet = null;
                }
                return removed;
            }
        }
        return 0;
    }

    private MACVerifier verifierFor(String kid) {
        KeySet current = keySet();
        MACVerifier verifier = current.verifiers.get(kid);
        Instant now = clock.instant();
        if (verifier == null && now.isAfter(current.loadedAt.plus(RELOAD_INTERVAL))) {
            // another node may have rotated; reload, but not more than once a second under forgery
            keySet = null;
            verifier = keySet().verifiers.get(kid);
        }
        return verifier;
    }

    private KeySet keySet() {
        KeySet current = keySet;
        if (current == null || clock.instant().isAfter(current.loadedAt.plus(keyRefreshInterval))) {
            current = new KeySet(signingKeys.keys(() -> SigningKey.generate(random, clock.instant())), clock.instant());
            keySet = current;
        }
        return current;
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /**
     * The signing keys as loaded, newest first: a signer for each (the first signs, each reads back
     * its own tokens) and a nimbus verifier for each (for every other token), built once.
     */
    private static final class KeySet {
        final List<AccessTokenSigner> signers;
        final Map<String, MACVerifier> verifiers;
        final Instant loadedAt;

        KeySet(List<SigningKey> keys, Instant loadedAt) {
            if (keys.isEmpty()) {
                throw new IllegalStateException("the signing key store returned no key");
            }
            this.signers = keys.stream().map(AccessTokenSigner::new).toList();
            this.loadedAt = loadedAt;
            try {
                Map<String, MACVerifier> byKid = new HashMap<>();
                for (SigningKey k : keys) {
                    byKid.put(k.kid(), new MACVerifier(k.secret()));
                }
                this.verifiers = Map.copyOf(byKid);
            } catch (JOSEException e) {
                throw new IllegalStateException("a signing key was refused by nimbus", e);
            }
        }
    }
}
