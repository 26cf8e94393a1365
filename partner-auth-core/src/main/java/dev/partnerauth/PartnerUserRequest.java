package dev.partnerauth;

import dev.partnerauth.key.PresentedKey;
import java.util.Objects;

/**
 * What a PRM asks of {@code POST /api/v1/signout/user}, {@code deactivate/user} and {@code
 * activate/user}: its key and one of its users. The key alone decides the partner, so the user is
 * always looked up as (the key's partner, {@code userId}). Never printed: {@link #toString} shows
 * the user only.
 *
 * @param presentedKey the key as presented
 * @param userId       the PRM's {@code user_id}, already held to the contract's limits by whoever read it
 */
public record PartnerUserRequest(PresentedKey presentedKey, String userId) {
    public PartnerUserRequest {
        Objects.requireNonNull(presentedKey, "presentedKey");
        Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String toString() {
        return "PartnerUserRequest[presentedKey=<redacted>, userId=" + userId + "]";
    }
}
