/**
 * Test support shared through the core test-jar: a {@link dev.partnerauth.testing.MutableClock}
 * and its Caffeine ticker, so that no test sleeps for time.
 */
package dev.partnerauth.testing;
