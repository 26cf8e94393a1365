package dev.partnerauth.crm;

/** The host's view of its CRM: who owns an opportunity, and which user integrations run as. */
public interface CrmDirectory {
    /** The CRM user who owns the opportunity (Salesforce syncs on their behalf). */
    String opportunityOwner(String opportunityId);

    /** The CRM integration user (Dynamics syncs as this user). */
    String integrationUser();
}
