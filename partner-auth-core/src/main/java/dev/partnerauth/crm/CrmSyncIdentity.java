package dev.partnerauth.crm;

import java.util.Objects;

/**
 * Whom a quote submit is synced to the CRM as.
 *
 * @param user the CRM user name or id, as the {@link CrmDirectory} gave it
 */
public record CrmSyncIdentity(Kind kind, String user) {
    public enum Kind {
        /** Salesforce: on behalf of the opportunity owner. */
        OPPORTUNITY_OWNER,
        /** Microsoft Dynamics: as the integration user. */
        INTEGRATION_USER
    }

    public CrmSyncIdentity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(user, "user");
    }
}
