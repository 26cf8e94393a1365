/**
 * partner-auth in a Spring Security host (6.5 and 7): {@link
 * dev.partnerauth.servlet.spring.PartnerAuthSecurity#customizer} puts the partner-auth filters into
 * the host's {@code SecurityFilterChain} and the partner into Spring's {@code SecurityContext};
 * {@link dev.partnerauth.servlet.spring.PartnerAuthSecurity#adminAuthority} guards the
 * administration API with the host's own login; {@link
 * dev.partnerauth.servlet.spring.PartnerRequestPostProcessors} makes MockMvc requests as a partner.
 *
 * <p>Spring Security, and {@code spring-test} with {@code spring-security-test} for the test
 * support, are optional dependencies of this module: a host without Spring brings none of them and
 * never loads this package. All types are stateless and thread-safe; no method accepts or returns
 * {@code null}.
 */
package dev.partnerauth.servlet.spring;
