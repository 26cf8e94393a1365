/**
 * What one Partner API call reads and writes, behind one interface with two implementations: one
 * store by store over the public store interfaces (a host's own stores), and one that composes the
 * library's own tables into one read and one write per call when the library owns all of them.
 * Thread-safe; no method accepts or returns null unless it says so.
 *
 * <p>Internal: it may change in any release.
 */
package dev.partnerauth.internal.calls;
