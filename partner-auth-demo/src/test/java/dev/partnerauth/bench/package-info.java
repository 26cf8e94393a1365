/**
 * The HTTP load runs of {@code docs/benchmarks.md}: a fixed-connection load generator for the
 * demo's Partner API, a bare Jetty servlet that sets the ceiling, and the drivers of the Spring
 * Security one-time-token peer ({@code src/test/peer/spring-ott}) that issue 15 compares with.
 * Test sources only, never in the demo jar; loopback only. Each load thread owns its connection
 * and its latency array; results are read after the threads are joined.
 */
package dev.partnerauth.bench;
