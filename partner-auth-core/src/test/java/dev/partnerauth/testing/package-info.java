/**
 * Test support shared through the core test-jar: a {@link dev.partnerauth.testing.MutableClock}
 * and its Caffeine ticker, so that no test sleeps for time; throw-away databases ({@link
 * dev.partnerauth.testing.TestDatabases}) and a JDBC store on one per test ({@link
 * dev.partnerauth.testing.JdbcStoreFixture}); and a data source a test can cut off and restore
 * ({@link dev.partnerauth.testing.SwitchableDataSource}); and the key checksum ({@link
 * dev.partnerauth.testing.KeyChecksums}), to build keys that pass the shape check; and each jar's
 * public types ({@link dev.partnerauth.testing.PublicSurface}), so that every module's
 * {@code PublicSurfaceTest} makes a new public type a decision.
 */
package dev.partnerauth.testing;
