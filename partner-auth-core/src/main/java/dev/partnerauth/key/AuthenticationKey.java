package dev.partnerauth.key;

import dev.partnerauth.allowlist.IpAllowlist;
import java.time.Instant;
import java.util.Objects;

/**
 * What is known of a key besides its secret: the metadata that administrators see. Never holds
 * the key or its hash.
 *
 * @param partnerId  the partner the key was made for: fixed for the key's life
 * @param expiresAt  when the key stops working by itself, or {@code null} for never
 * @param lastUsedAt when it last authenticated a user, or {@code null} if never
 */
public record AuthenticationKey(KeyId id, PartnerId partnerId, String name, IpAllowlist allowedIps, Instant createdAt,
                                Instant expiresAt, Instant lastUsedAt) {
    public static final int MAX_NAME_LENGTH = 100;

    public AuthenticationKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(allowedIps, "allowedIps");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a key name is 1 to " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** True when an expiry is set and has been reached. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public AuthenticationKey withName(String newName) {
        return new AuthenticationKey(id, partnerId, newName, allowedIps, createdAt, expiresAt, lastUsedAt);
    }

    public AuthenticationKey withAllowedIps(IpAllowlist ips) {
        return new AuthenticationKey(id, partnerId, name, ips, createdAt, expiresAt, lastUsedAt);
    }

    public AuthenticationKey withExpiresAt(Instant at) {
        return new AuthenticationKey(id, partnerId, name, allowedIps, createdAt, at, lastUsedAt);
    }

    public AuthenticationKey withLastUsedAt(Instant at) {
        return new AuthenticationKey(id, partnerId, name, allowedIps, createdAt, expiresAt, at);
    }
}
