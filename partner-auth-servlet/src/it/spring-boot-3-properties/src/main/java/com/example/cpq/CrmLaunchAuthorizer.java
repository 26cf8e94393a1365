package com.example.cpq;

import dev.partnerauth.LaunchRequest;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.user.UserInformation;
import org.springframework.stereotype.Component;

// README:begin spring-boot-launch-authorizer
/** The host's say over which opportunities a partner opens: a bean, which the auto-configuration picks up. */
@Component
class CrmLaunchAuthorizer implements LaunchAuthorizer {
    @Override
    public Decision decide(PartnerId partner, UserInformation user, LaunchRequest request) {
        return request.opportunityId().startsWith("006CLOSED") // ask your CRM here
                ? new Refused("opportunity closed in the CRM")
                : new Allowed();
    }
}
// README:end
