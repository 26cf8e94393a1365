/**
 * Test support shared by the servlet tests and, through the test-jar, by other modules:
 * the DealHub Partner API wire contract as an executable check.
 *
 * <p>Thread-safety: every type here is immutable once built and safe to share between
 * tests running in parallel. Null policy: parameters are non-null unless a method says
 * that {@code null} stands for "absent" (a missing body or content type).
 */
package dev.partnerauth.servlet.testing;
