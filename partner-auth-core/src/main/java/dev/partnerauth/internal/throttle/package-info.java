/**
 * Brute-force throttling: refusals counted per client network (an IPv4 address, an IPv6 /64) in
 * fixed windows, in a size-bounded Caffeine cache so that an
 * attacker spraying from many addresses cannot exhaust the heap. One network's failures never
 * affect another's.
 *
 * <p>Unsupported: public only so that the library's own packages can reach it; a host must not use
 * it, and it may change in any release. Thread-safe; no argument may be null.
 */
package dev.partnerauth.internal.throttle;
