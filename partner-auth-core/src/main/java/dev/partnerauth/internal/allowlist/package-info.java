/**
 * Finding a request's client address behind trusted proxies, and the strict address parser shared
 * with the allowlist rules.
 *
 * <p>Unsupported: public only so that the library's own packages can reach it; a host must not use
 * it, and it may change in any release. Thread-safe; no argument may be null.
 */
package dev.partnerauth.internal.allowlist;
