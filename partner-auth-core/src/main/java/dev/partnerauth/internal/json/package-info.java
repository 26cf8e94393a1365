/**
 * The library's one JSON codec: a strict RFC 8259 reader with limits for hostile input, and the
 * writer every module answers with. Internal: public only so that the servlet module, the demo and
 * the testkit can share it; hosts must not depend on it, and it may change in any release.
 *
 * <p>Stateless and thread-safe; {@code null} is a JSON value here, never an omitted argument.
 */
package dev.partnerauth.internal.json;
