/**
 * partner-auth in Micrometer: {@link dev.partnerauth.servlet.metrics.PartnerAuthMetrics}. Micrometer
 * ({@code micrometer-core}) is an optional dependency of this module: only a host that uses this
 * package brings it. Thread-safe; no method accepts or returns {@code null}.
 */
package dev.partnerauth.servlet.metrics;
