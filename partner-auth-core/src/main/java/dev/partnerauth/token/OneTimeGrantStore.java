package dev.partnerauth.token;

import dev.partnerauth.key.KeyId;
import java.time.Instant;
import java.util.Optional;

/**
 * Outstanding single-use grants. Implementations must be thread-safe, and {@link #consume} must be
 * one atomic step: of any number of concurrent calls with one digest, at most one returns the grant.
 */
public interface OneTimeGrantStore {
    void save(GrantKind kind, GrantDigest digest, PendingGrant grant);

    /**
     * Removes and returns the grant if it is outstanding and not expired at {@code now}. An expired
     * grant is removed too, and not returned.
     */
    Optional<PendingGrant> consume(GrantKind kind, GrantDigest digest, Instant now);

    /**
     * Whether the grant is outstanding and not expired at {@code now}, without removing it: read
     * before the host is asked about a token, so that a spent token never reaches the host. Only
     * {@link #consume} decides who wins a token; a grant seen here may be consumed a moment later.
     */
    boolean isOutstanding(GrantKind kind, GrantDigest digest, Instant now);

    /** Drops every outstanding grant minted through this key. */
    void revokeKey(KeyId keyId);

    /** Drops every outstanding grant, as when the authenticator is disabled. */
    void revokeAll();

    /**
     * Removes at most {@code limit} grants that expired before {@code now}, for hosts to call on a
     * schedule; never called on a request path.
     *
     * @return how many were removed
     */
    int purgeExpired(Instant now, int limit);
}
