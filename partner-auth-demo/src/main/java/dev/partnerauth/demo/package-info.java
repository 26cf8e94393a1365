/**
 * The demo application: a CPQ host and a PRM simulator that run the whole partner flow locally.
 *
 * <p>Classes here are immutable and thread-safe. Arguments are non-null unless documented otherwise;
 * a null is refused with a {@link NullPointerException} naming the argument.
 */
package dev.partnerauth.demo;
