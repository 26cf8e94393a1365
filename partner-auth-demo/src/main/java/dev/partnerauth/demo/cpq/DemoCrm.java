package dev.partnerauth.demo.cpq;

import dev.partnerauth.crm.CrmDirectory;

/** A stand-in CRM directory: every opportunity has a named owner, and there is one integration user. */
public final class DemoCrm implements CrmDirectory {
    @Override
    public String opportunityOwner(String opportunityId) {
        return "Dana Owner (owner of opportunity " + opportunityId + ")";
    }

    @Override
    public String integrationUser() {
        return "cpq-integration@crm.example";
    }
}
