/**
 * Where a launch lands: the host's page for a new quote, a quote, or an opportunity's quotes.
 * Redirect URLs are built from the host's configured public base URL, never from a request's
 * {@code Host} header, with every id percent-encoded as one path segment.
 *
 * <p>{@link dev.partnerauth.launch.LaunchRoutes} is the extension point; all types are immutable
 * and thread-safe.
 */
package dev.partnerauth.launch;
