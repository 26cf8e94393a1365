/**
 * Spring Boot auto-configuration of partner-auth: {@code partner-auth.*} properties ({@link
 * dev.partnerauth.servlet.boot.PartnerAuthProperties}, the one public type here), the filters in the
 * container or in every Spring Security chain, Spring Session's cookie, and Boot's failure analysis
 * of a setting that cannot start partner-auth. Active only when Spring Boot is on the classpath
 * (every Spring dependency of this jar is optional) and for servlet web applications; it works on
 * Boot 3.5 and 4.0 alike. Everything here is built once at start-up and immutable, so thread-safe;
 * a {@code null} property is an unset one.
 */
package dev.partnerauth.servlet.boot;
