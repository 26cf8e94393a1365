/**
 * The account's CRM and the identity a submitted quote is synced to it as: Salesforce syncs on
 * behalf of the opportunity owner, Microsoft Dynamics as the integration user. The Partner API is
 * offered only to accounts on one of those two.
 *
 * <p>{@link dev.partnerauth.crm.CrmDirectory} is the host's extension point. All types are
 * immutable and thread-safe; no method accepts or returns {@code null}.
 */
package dev.partnerauth.crm;
