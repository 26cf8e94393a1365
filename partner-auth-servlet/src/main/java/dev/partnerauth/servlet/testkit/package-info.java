/**
 * For a host's own tests, never for production code: sign a partner user in to a running host
 * through the real flow ({@link dev.partnerauth.servlet.testkit.PartnerSignIn}), describe partner
 * users without the fifteen-argument {@code UserInformation} ({@link
 * dev.partnerauth.servlet.testkit.TestUser}), and a throwaway pepper or a request that carries a
 * partner for pure unit tests ({@link dev.partnerauth.servlet.testkit.PartnerTestKit}).
 *
 * <p>Launch URLs are followed by their path and query against the address the test gives, so a
 * host on a random port works whatever public base URL it was built with. A refused sign-in throws
 * {@link dev.partnerauth.servlet.testkit.PartnerSignIn.Refused}, which carries the audit log's
 * reason when the kit was given a way to read it: the wire itself only ever says "Forbidden".
 *
 * <p>Everything here is immutable and thread-safe, except that one {@code PartnerSignIn} builder
 * chain belongs to one thread. Null is refused everywhere.
 */
package dev.partnerauth.servlet.testkit;
