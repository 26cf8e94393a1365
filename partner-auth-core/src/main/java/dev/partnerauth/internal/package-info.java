/**
 * Machinery shared across the library's own packages and jars. Public only because Java has no
 * narrower visibility across packages: not supported for hosts, and it may change in any release.
 * Everything here is stateless and thread-safe; no method accepts or returns {@code null}.
 */
package dev.partnerauth.internal;
