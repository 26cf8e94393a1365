/**
 * The PRM simulator: a stand-in partner portal on its own origin that holds the partner
 * authentication key server-side, mints access tokens from the CPQ server-to-server, and lets the
 * browser open the CPQ with them.
 *
 * <p>{@link dev.partnerauth.demo.prm.PrmSimulator} is the only public type; the servlets, the key
 * file and the CPQ client behind it are package-private. Everything is safe for concurrent
 * requests. Arguments are non-null unless documented otherwise.
 *
 * <p>Threats kept in view: the key must never reach a browser, a page or a log line; another site
 * must not be able to save a key or mint a token through a visitor's browser (same-origin check,
 * host check against DNS rebinding); injected script must not run (CSP, escaping).
 */
package dev.partnerauth.demo.prm;
