/**
 * The relational schema of the JDBC stores and the machinery they share.
 *
 * <p>The stores themselves sit beside their interfaces: {@link dev.partnerauth.key.JdbcKeyStore},
 * {@link dev.partnerauth.settings.JdbcSettingsStore}, {@link dev.partnerauth.user.JdbcPartnerUserStore},
 * {@code JdbcGrantStore}, {@code JdbcSigningKeyStore} and
 * {@link dev.partnerauth.audit.JdbcAuditLog}. Each takes the host's {@link javax.sql.DataSource}
 * (ideally a pool) and a query timeout, speaks plain {@code java.sql}, and needs no driver at
 * compile time. PostgreSQL, H2 and MariaDB/MySQL are supported (MariaDB is tested, MySQL is not); the
 * dialect is read from the driver on first use.
 *
 * <p>{@code PartnerAuth.Builder.database(dataSource)} puts every store on one data source and applies
 * the schema, or only verifies it ({@link dev.partnerauth.jdbc.SchemaSetup#VERIFY}). By hand, create
 * the tables with {@link dev.partnerauth.jdbc.PartnerAuthSchema#apply} or by handing {@link
 * dev.partnerauth.jdbc.PartnerAuthSchema#sql} to a migration tool. Table {@code partner_auth_pepper}
 * holds the fingerprint of the key pepper that {@link dev.partnerauth.key.JdbcKeyStore#verifyPepper}
 * checks at start-up. Configure the pool with a
 * connection timeout (and, for PostgreSQL, {@code connectTimeout} and {@code socketTimeout}; for MariaDB
 * Connector/J, {@code connectTimeout} and {@code socketTimeout} in milliseconds): the
 * stores set a query timeout on every statement, but only the pool can bound the wait for a
 * connection. An unreachable or slow database then surfaces as {@link
 * dev.partnerauth.StoreUnavailableException} (503 with {@code Retry-After}), and the stores work
 * again as soon as it is back, with nothing to reset.
 *
 * <p>All public types are thread-safe and immutable; no method accepts {@code null}.
 */
package dev.partnerauth.jdbc;
