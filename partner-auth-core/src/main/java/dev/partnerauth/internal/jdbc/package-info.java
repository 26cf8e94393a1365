/**
 * What the JDBC stores share: one borrowed connection per call, query timeouts, and SQL failures
 * turned into the library's faults.
 *
 * <p>Unsupported: public only so that the library's own packages can reach it; a host must not use
 * it, and it may change in any release. Thread-safe; no argument may be null.
 */
package dev.partnerauth.internal.jdbc;
