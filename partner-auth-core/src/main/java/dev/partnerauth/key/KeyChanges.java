package dev.partnerauth.key;

import dev.partnerauth.allowlist.IpAllowlist;
import java.time.Instant;
import java.util.Optional;

/**
 * The fields an administrator changes on a key; an absent field is left as it is.
 *
 * @param expiresAt absent: unchanged; present with an empty inner value: clear the expiry
 */
public record KeyChanges(Optional<String> name, Optional<IpAllowlist> allowedIps, Optional<Optional<Instant>> expiresAt) {
    public KeyChanges {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(allowedIps, "allowedIps");
        java.util.Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static KeyChanges none() {
        return new KeyChanges(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public KeyChanges withName(String newName) {
        return new KeyChanges(Optional.of(newName), allowedIps, expiresAt);
    }

    public KeyChanges withAllowedIps(IpAllowlist ips) {
        return new KeyChanges(name, Optional.of(ips), expiresAt);
    }

    /** @param at the new expiry, or {@code null} to clear it */
    public KeyChanges withExpiresAt(Instant at) {
        return new KeyChanges(name, allowedIps, Optional.of(Optional.ofNullable(at)));
    }
}
