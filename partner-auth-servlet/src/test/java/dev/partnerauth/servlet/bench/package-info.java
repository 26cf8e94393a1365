/**
 * Measurements run by hand, never by the build: main classes whose names end in neither
 * {@code Test} nor {@code Tests}, so that surefire does not pick them up. Single-threaded.
 */
package dev.partnerauth.servlet.bench;
