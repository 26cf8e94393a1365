/**
 * IP allowlists: IPv4 and IPv6 addresses and CIDR blocks, and the resolution of a request's client
 * address behind trusted proxies, through the one {@link dev.partnerauth.allowlist.ForwardedHeader}
 * that those proxies write (a garbled hop is refused, never guessed).
 *
 * <p>Parsing never performs a DNS lookup: only numeric literals are accepted, and anything else is
 * refused with an {@link java.lang.IllegalArgumentException} whose message names the entry.
 * IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) are treated as the IPv4 address they carry.
 *
 * <p>All types are immutable and thread-safe; no method accepts or returns {@code null}.
 */
package dev.partnerauth.allowlist;
