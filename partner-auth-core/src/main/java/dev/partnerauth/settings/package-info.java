/**
 * The authenticator's settings: whether the Partner API is enabled, the account's CRM, and the PRM
 * origins allowed to call the create/open endpoints from a browser.
 *
 * <p>{@link dev.partnerauth.settings.SettingsStore} is the extension point, with {@code InMemorySettingsStore} and {@link dev.partnerauth.settings.JdbcSettingsStore}
 * beside it. All types are
 * thread-safe; {@link dev.partnerauth.settings.AuthenticatorSettings#crm()} may be {@code null},
 * nothing else may.
 */
package dev.partnerauth.settings;
