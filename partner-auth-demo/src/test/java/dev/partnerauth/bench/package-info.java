/**
 * The HTTP load run of {@code docs/benchmarks.md}: a fixed-connection load generator for the
 * demo's Partner API and a bare Jetty servlet that sets the ceiling. Test sources only, never in
 * the demo jar; loopback only.
 */
package dev.partnerauth.bench;
