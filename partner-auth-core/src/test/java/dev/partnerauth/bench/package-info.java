/**
 * JMH benchmarks and measurements of the core hot paths: key verification, token mint and redeem,
 * allowlist matching, the whole authenticate step, the heap cost of outstanding grants, and the
 * request thread's cost of auditing to JDBC with and without the buffer ({@code
 * AuditWriteTiming}). Test sources only, excluded from every jar; {@code docs/benchmarks.md} says
 * how to run them. Nothing here is API.
 */
package dev.partnerauth.bench;
