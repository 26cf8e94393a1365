/**
 * Partner users: the PRM's user details, provisioned just in time into the host on every
 * authentication, keyed by their partner and the PRM's {@code user_id} together: two partners
 * sending the same {@code user_id} are two users.
 *
 * <p>{@link dev.partnerauth.user.PartnerUserStore} is the extension point through which a host maps
 * partner users into its own user table, and through which it can disable one; {@code InMemoryPartnerUserStore} and {@link
 * dev.partnerauth.user.JdbcPartnerUserStore} are the defaults. All types are
 * thread-safe; optional details of {@link dev.partnerauth.user.UserInformation} may be {@code null}.
 */
package dev.partnerauth.user;
