package dev.partnerauth.internal.key;

import dev.partnerauth.ForbiddenException.Reason;
import dev.partnerauth.ForbiddenException;
import dev.partnerauth.InvalidRequestException;
import dev.partnerauth.internal.cache.CachingKeyStore;
import dev.partnerauth.NotFoundException;
import dev.partnerauth.Problem;
import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.audit.AuditEventType;
import dev.partnerauth.audit.AuditListener;
import dev.partnerauth.internal.throttle.FailureThrottle;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyChanges;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.KeyStore;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.key.PresentedKey;
import dev.partnerauth.key.StoredKey;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Creates, administers and verifies authentication keys. Administrative changes are audited here;
 * verification outcomes are audited by the caller, which knows the whole request.
 */
public final class KeyService {
    /** How precise {@code last_used_at} is: uses closer together than this are recorded once. */
    public static final Duration LAST_USE_RESOLUTION = Duration.ofSeconds(1);

    private final KeyStore store;
    private final KeyHasher hasher;
    private final AuditListener audit;
    private final Clock clock;
    private final SecureRandom random;
    private final ConcurrentMap<KeyId, Instant> lastRecorded = new ConcurrentHashMap<>();

    public KeyService(KeyStore store, KeyPepper pepper, AuditListener audit, Clock clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = new KeyHasher(Objects.requireNonNull(pepper, "pepper"));
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** How long a rolled key keeps working by default: a day for the partner to deploy the new one. */
    public static final Duration DEFAULT_ROLL_GRACE = Duration.ofHours(24);
    /** The longest grace a roll allows: a leaked key must not be kept alive for months by mistake. */
    public static final Duration MAX_ROLL_GRACE = Duration.ofDays(30);

    /**
     * Creates a key for a new partner. The returned plaintext exists nowhere else.
     *
     * @param expiresAt when the key stops working by itself, or {@code null} for never
     * @param actor     the administrator, for the audit log
     */
    public IssuedKey create(String name, IpAllowlist allowedIps, Instant expiresAt, String actor) {
        return insert(PartnerId.random(random), name, allowedIps, expiresAt, actor);
    }

    /**
     * Creates another key for an existing partner (a hand-over): its users are the same users.
     * A partner exists while it has a key; once its last key is deleted, no key can join it again.
     *
     * @throws InvalidRequestException naming {@code partner_id} when no key has this partner
     */
    public IssuedKey createForPartner(PartnerId partner, String name, IpAllowlist allowedIps, Instant expiresAt,
                                      String actor) {
        Objects.requireNonNull(partner, "partner");
        if (store.list().stream().noneMatch(k -> k.partnerId().equals(partner))) {
            throw InvalidRequestException.of(new Problem("INVALID_VALUE",
                    "partner_id - Invalid parameter value. Valid value(s): the partner_id of an existing key",
                    "partner_id"));
        }
        return insert(partner, name, allowedIps, expiresAt, actor);
    }

    /**
     * Rolls a key: a new key of the same partner with the old one's name, IPs and expiry, while the
     * old one keeps working for {@code grace} (never longer than it would have anyway).
     *
     * @param grace 0 to {@link #MAX_ROLL_GRACE}; 0 ends the old key at once
     * @throws NotFoundException when no key has this id
     */
    public IssuedKey roll(KeyId id, Duration grace, String actor) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.compareTo(MAX_ROLL_GRACE) > 0) {
            throw new IllegalArgumentException("grace must be 0 to " + MAX_ROLL_GRACE + ", got " + grace);
        }
        AuthenticationKey old = get(id);
        Instant oldEnds = clock.instant().plus(grace);
        if (old.expiresAt() != null && old.expiresAt().isBefore(oldEnds)) {
            oldEnds = old.expiresAt();
        }
        // the old key's expiry too: a contractual end date must survive a roll (SPEC §4)
        IssuedKey fresh = insert(old.partnerId(), old.name(), old.allowedIps(), old.expiresAt(), actor);
        if (!store.update(old.withExpiresAt(oldEnds))) {
            throw notFound(id); // deleted meanwhile: the new key stands, as if created by hand
        }
        record(AuditEventType.KEY_ROLLED, old, actor, "new key " + fresh.metadata().id() + ", old key expires at " + oldEnds);
        return fresh;
    }

    private IssuedKey insert(PartnerId partner, String name, IpAllowlist allowedIps, Instant expiresAt,
                             String actor) {
        String plaintext = KeyFormat.newKey(random);
        KeyId id = new KeyId(KeyFormat.idOf(plaintext));
        AuthenticationKey metadata = new AuthenticationKey(id, partner, name, allowedIps, clock.instant(), expiresAt, null);
        store.insert(new StoredKey(metadata, hasher.hash(plaintext)));
        record(AuditEventType.KEY_CREATED, metadata, actor, name);
        return new IssuedKey(metadata, plaintext);
    }

    public List<AuthenticationKey> list() {
        return store.list();
    }

    /** @throws NotFoundException when no key has this id */
    public AuthenticationKey get(KeyId id) {
        return store.find(id).map(StoredKey::metadata).orElseThrow(() -> notFound(id));
    }

    /**
     * Applies the named changes and returns the whole key as it now is.
     *
     * @throws NotFoundException when no key has this id
     */
    public AuthenticationKey update(KeyId id, KeyChanges changes, String actor) {
        AuthenticationKey before = get(id);
        AuthenticationKey after = before;
        if (changes.name().isPresent()) {
            after = after.withName(changes.name().get());
        }
        if (changes.allowedIps().isPresent()) {
            after = after.withAllowedIps(changes.allowedIps().get());
        }
        if (changes.expiresAt().isPresent()) {
            after = after.withExpiresAt(changes.expiresAt().get().orElse(null));
        }
        if (!store.update(after)) {
            throw notFound(id);
        }
        if (!after.name().equals(before.name())) {
            record(AuditEventType.KEY_RENAMED, after, actor, after.name());
        }
        if (!after.allowedIps().equals(before.allowedIps())) {
            record(AuditEventType.KEY_IPS_CHANGED, after, actor, String.join(", ", after.allowedIps().entries()));
        }
        if (!Objects.equals(after.expiresAt(), before.expiresAt())) {
            record(AuditEventType.KEY_EXPIRY_CHANGED, after, actor, String.valueOf(after.expiresAt()));
        }
        return get(id);
    }

    /**
     * Deletes a key. Tokens minted with it are refused from now on because redemption re-checks
     * the key; they leave the grant store by themselves within one token lifetime.
     *
     * @throws NotFoundException when no key has this id
     */
    public void delete(KeyId id, String actor) {
        AuthenticationKey key = get(id);
        if (!store.delete(id)) {
            throw notFound(id);
        }
        lastRecorded.remove(id);
        record(AuditEventType.KEY_DELETED, key, actor, null);
    }

    /**
     * Verifies a presented key: shape and checksum (no store call when they fail), keyed hash in
     * constant time (the same work whether the id exists or not), expiry, then the client address.
     * Not throttled: see {@link #verify(PresentedKey, InetAddress, FailureThrottle, Consumer)}.
     *
     * @throws ForbiddenException with the reason, which callers must not reveal
     */
    public VerifiedKey verify(PresentedKey presented, InetAddress client) {
        return verify(presented, client, (Consumer<AuthenticationKey>) refused -> { });
    }

    /**
     * {@link #verify(PresentedKey, InetAddress)}, telling {@code refusedKey} which stored key a
     * refused presentation named (a wrong secret, an expired key, an address outside its list), for
     * the audit; it is not called when no key has the presented id.
     */
    public VerifiedKey verify(PresentedKey presented, InetAddress client, Consumer<AuthenticationKey> refusedKey) {
        Objects.requireNonNull(refusedKey, "refusedKey");
        Optional<KeyId> id = presented.id();
        if (id.isEmpty()) {
            throw new ForbiddenException(Reason.KEY_MALFORMED);
        }
        Optional<StoredKey> stored = store.find(id.get());
        if (!hasher.matches(presented, stored.map(StoredKey::hash).orElse(null))) {
            stored.ifPresent(k -> refusedKey.accept(k.metadata()));
            throw new ForbiddenException(stored.isEmpty() ? Reason.KEY_UNKNOWN : Reason.KEY_MISMATCH);
        }
        AuthenticationKey metadata = stored.get().metadata();
        if (metadata.isExpiredAt(clock.instant())) {
            refusedKey.accept(metadata);
            throw new ForbiddenException(Reason.KEY_EXPIRED);
        }
        if (!metadata.allowedIps().permits(client)) {
            refusedKey.accept(metadata);
            throw new ForbiddenException(Reason.IP_NOT_ALLOWED);
        }
        return new VerifiedKey(metadata);
    }

    /**
     * {@link #verify(PresentedKey, InetAddress, Consumer)}, counting refusals per client network in
     * {@code failures}. The key is always checked: a live key with its secret, from an allowed address, is
     * accepted whatever its network's count, and only a key that is refused anyway is answered 429
     * once the network has used up its refusals (SPEC §3). That gives a guesser no more than it has
     * without a throttle, which is nothing it can use: the secret is 128 random bits, so at a
     * million guesses a second a key's secret takes about 10^25 years; a made-up key fails its
     * checksum before any store call; and the answer for a wrong secret is the same whether the id
     * exists or not (same hashing work, same count), so the throttle tells no one which ids exist.
     *
     * @throws TooManyRequestsException for a refused key while its network has used up its refusals
     * @throws ForbiddenException       with the reason, which callers must not reveal
     */
    public VerifiedKey verify(PresentedKey key, InetAddress client, FailureThrottle failures,
                              Consumer<AuthenticationKey> refusedKey) {
        Objects.requireNonNull(failures, "failures");
        try {
            return verify(key, client, refusedKey);
        } catch (ForbiddenException e) {
            throw failures.refusal(client, e);
        }
    }

    /**
     * Marks a key as used now; called once a user is signed in through it. Writes at most once per
     * {@link #LAST_USE_RESOLUTION} per key on this node: under load every sign-in through one key
     * would otherwise update the same row, and those updates queue on its lock.
     */
    public void recordUse(KeyId id) {
        Instant due = claimUse(id);
        if (due != null) {
            store.recordUse(id, due);
        }
    }

    /**
     * The decision of {@link #recordUse} without its write, for a caller that writes the key's
     * last use in a statement of its own: the time to record when this caller is to write it,
     * otherwise {@code null} (another use was recorded on this node within the resolution).
     */
    public Instant claimUse(KeyId id) {
        Instant now = clock.instant();
        Instant previous = lastRecorded.get(id);
        if (previous != null && now.isBefore(previous.plus(LAST_USE_RESOLUTION))) {
            return null;
        }
        // only the thread whose swap succeeds writes; the others saw a fresh enough time
        boolean won = previous == null ? lastRecorded.putIfAbsent(id, now) == null : lastRecorded.replace(id, previous, now);
        return won ? now : null;
    }

    /**
     * A use that {@link #claimUse} handed out and the caller has written in a statement of its own:
     * this node's cached copy of the key, if it keeps one, shows it as {@link #recordUse} would.
     */
    public void recordedUse(KeyId id, Instant at) {
        if (store instanceof CachingKeyStore cached) {
            cached.recordedUse(id, at);
        }
    }

    /** The key if it still exists and has not expired, so that tokens minted with it remain good. */
    public Optional<AuthenticationKey> findActive(KeyId id) {
        Instant now = clock.instant();
        return store.find(id).map(StoredKey::metadata).filter(k -> !k.isExpiredAt(now));
    }

    private void record(AuditEventType type, AuthenticationKey key, String actor, String detail) {
        audit.onEvent(new AuditEvent(clock.instant(), type, key.id().value(), null, null, null, detail,
                key.partnerId().value(), Objects.requireNonNull(actor, "actor")));
    }

    private static NotFoundException notFound(KeyId id) {
        return new NotFoundException("No authentication key with id " + id);
    }
}
