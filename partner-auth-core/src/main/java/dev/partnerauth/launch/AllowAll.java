package dev.partnerauth.launch;

import dev.partnerauth.LaunchRequest;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.user.UserInformation;

/** {@link LaunchAuthorizer#allowAll()}: one instance, so that the builder can tell it was not replaced. */
enum AllowAll implements LaunchAuthorizer {
    INSTANCE;

    private static final Decision ALLOWED = new Allowed();

    @Override
    public Decision decide(PartnerId partner, UserInformation user, LaunchRequest request) {
        return ALLOWED;
    }
}
