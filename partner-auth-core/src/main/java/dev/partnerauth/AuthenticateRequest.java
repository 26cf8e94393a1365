package dev.partnerauth;

import dev.partnerauth.key.PresentedKey;
import dev.partnerauth.user.UserInformation;
import java.util.Objects;

/**
 * What a PRM asks of {@code POST /api/v1/authenticate/user}: a key and the user to sign in. The
 * key may be any text (see {@link PresentedKey}): one that cannot be a key is refused by
 * {@link PartnerAuth#authenticate}, throttled and audited like any other refused key. Never printed:
 * {@link #toString} shows the user only.
 *
 * @param presentedKey the key as presented
 * @param user         the user's details, already held to the contract's limits by whoever read them
 */
public record AuthenticateRequest(PresentedKey presentedKey, UserInformation user) {
    public AuthenticateRequest {
        Objects.requireNonNull(presentedKey, "presentedKey");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String toString() {
        return "AuthenticateRequest[presentedKey=<redacted>, user=" + user.userId() + "]";
    }
}
