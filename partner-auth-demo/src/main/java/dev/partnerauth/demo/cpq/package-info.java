/**
 * The CPQ host side of the demo: the "API Settings" admin page and the static resources it loads.
 *
 * <p>Servlets here are immutable after construction and safe for concurrent requests. Arguments are
 * non-null unless documented otherwise.
 */
package dev.partnerauth.demo.cpq;
