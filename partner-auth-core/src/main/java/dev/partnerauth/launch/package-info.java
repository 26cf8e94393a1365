/**
 * Launches: whether the host lets a partner open an opportunity, and where it lands: the host's page
 * for a new quote, a quote, or an opportunity's quotes.
 * Redirect URLs are built from the host's configured public base URL, never from a request's
 * {@code Host} header, with every id percent-encoded as one path segment.
 *
 * <p>{@link dev.partnerauth.launch.LaunchRoutes} (where a launch lands) and {@link
 * dev.partnerauth.launch.LaunchAuthorizer} (whether this partner may open that opportunity, with
 * {@link dev.partnerauth.launch.LaunchAuthorizer#allowAll()} beside it) are the extension points; all types are immutable
 * and thread-safe.
 */
package dev.partnerauth.launch;
