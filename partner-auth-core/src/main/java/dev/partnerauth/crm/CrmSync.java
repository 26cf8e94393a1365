package dev.partnerauth.crm;

import java.util.Objects;

/** Decides the identity a partner user's quote submit is synced to the CRM as. */
public final class CrmSync {
    private final CrmDirectory directory;

    public CrmSync(CrmDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * @throws IllegalStateException when the CRM is not one the Partner API supports: such an
     *                               account cannot have partner users, so this is a host bug
     */
    public CrmSyncIdentity identityFor(CrmSystem crm, String opportunityId) {
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(opportunityId, "opportunityId");
        if (crm.equals(CrmSystem.SALESFORCE)) {
            return new CrmSyncIdentity(CrmSyncIdentity.Kind.OPPORTUNITY_OWNER, directory.opportunityOwner(opportunityId));
        }
        if (crm.equals(CrmSystem.DYNAMICS)) {
            return new CrmSyncIdentity(CrmSyncIdentity.Kind.INTEGRATION_USER, directory.integrationUser());
        }
        throw new IllegalStateException("partner quotes cannot sync to " + crm);
    }
}
