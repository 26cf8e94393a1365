/**
 * The partner sign-in bridge: {@link dev.partnerauth.PartnerAuth} is the one object a host builds,
 * with {@link dev.partnerauth.PartnerAuth#builder()}.
 *
 * <p>Rejections of what a caller sent are subclasses of {@link dev.partnerauth.PartnerAuthRejection},
 * each mapping to one row of the status table of the Partner API; anything else thrown is a fault
 * (a bug or an outage). Rejections never say which secret check failed.
 *
 * <p>Unless a type says otherwise, every public type here is immutable and thread-safe, and no
 * method accepts or returns {@code null} except where its documentation says so.
 */
package dev.partnerauth;
