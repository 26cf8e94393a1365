package dev.partnerauth;

import dev.partnerauth.user.UserInformation;
import java.util.Objects;

/**
 * What a PRM asks of {@code POST /api/v1/authenticate/user}: a key and the user to sign in. The
 * key is kept as the caller presented it, not parsed here: a text that cannot be a key must still
 * reach {@link PartnerAuth#authenticate}, so that it is throttled and audited like any other
 * refused key. Never printed: {@link #toString} shows the user only.
 *
 * @param presentedKey the key as presented; never log or print it
 * @param user         the user's details, already held to the contract's limits by whoever read them
 */
public record AuthenticateRequest(String presentedKey, UserInformation user) {
    public AuthenticateRequest {
        Objects.requireNonNull(presentedKey, "presentedKey");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String toString() {
        return "AuthenticateRequest[presentedKey=<redacted>, user=" + user.userId() + "]";
    }
}
