package dev.partnerauth.servlet.internal;

/**
 * Marks a request whose browser holds a login of the host's own that the servlet API does not show
 * yet where partner-auth's filters run (Spring Security's, before its request wrapper): set by a
 * framework integration, read where a partner would otherwise be signed in alongside it (the
 * DealHub-compatible create/open answer). Request attributes cannot come from a client. Unsupported.
 */
public final class HostLogins {
    /** The request attribute; any non-null value marks a host login. */
    public static final String ATTRIBUTE = HostLogins.class.getName();

    private HostLogins() {
    }
}
