/**
 * Brute-force throttling: refusals counted per client address in fixed windows, in a size-bounded
 * Caffeine cache so that an attacker spraying from many addresses cannot exhaust the heap. One
 * address's failures never affect another's. Thread-safe.
 */
package dev.partnerauth.throttle;
