/**
 * Machinery shared by the servlet jar's own packages. Public only because Java has no narrower
 * visibility across packages: not supported for hosts, and it may change in any release. Types
 * here are as thread-safe as the request they wrap; no method accepts or returns {@code null}.
 */
package dev.partnerauth.servlet.internal;
