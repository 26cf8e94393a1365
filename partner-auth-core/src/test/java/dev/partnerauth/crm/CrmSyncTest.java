package dev.partnerauth.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CrmSyncTest {
    private final CrmSync sync = new CrmSync(new CrmDirectory() {
        @Override
        public String opportunityOwner(String opportunityId) {
            return "owner-of-" + opportunityId;
        }

        @Override
        public String integrationUser() {
            return "integration@example.com";
        }
    });

    @Test
    void identityForWhenSalesforceThenOpportunityOwner() {
        CrmSyncIdentity identity = sync.identityFor(CrmSystem.SALESFORCE, "006A");

        assertEquals(new CrmSyncIdentity(CrmSyncIdentity.Kind.OPPORTUNITY_OWNER, "owner-of-006A"), identity);
    }

    @Test
    void identityForWhenDynamicsThenIntegrationUser() {
        CrmSyncIdentity identity = sync.identityFor(CrmSystem.DYNAMICS, "006A");

        assertEquals(new CrmSyncIdentity(CrmSyncIdentity.Kind.INTEGRATION_USER, "integration@example.com"), identity);
    }

    @Test
    void identityForWhenLowerCaseNameThenSameCrm() {
        assertEquals(CrmSyncIdentity.Kind.INTEGRATION_USER, sync.identityFor(new CrmSystem("dynamics"), "006A").kind());
    }

    @Test
    void identityForWhenHubspotThenIllegalState() {
        assertThrows(IllegalStateException.class, () -> sync.identityFor(new CrmSystem("HUBSPOT"), "006A"));
    }

    @Test
    void supportsPartnerApiWhenSalesforceOrDynamicsOnly() {
        assertTrue(CrmSystem.SALESFORCE.supportsPartnerApi());
        assertTrue(CrmSystem.DYNAMICS.supportsPartnerApi());
        assertFalse(new CrmSystem("HUBSPOT").supportsPartnerApi());
    }

    @Test
    void crmSystemWhenNameNotAnIdentifierThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CrmSystem(""));
        assertThrows(IllegalArgumentException.class, () -> new CrmSystem("SALES FORCE"));
        assertThrows(IllegalArgumentException.class, () -> new CrmSystem("X".repeat(41)));
    }
}
