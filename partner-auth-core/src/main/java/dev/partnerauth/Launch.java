package dev.partnerauth;

import java.net.URI;
import java.util.Objects;

/**
 * The result of a create/open call: the partner user to sign in, and the URL the browser goes to,
 * which carries a single-use launch code. {@code toString} does not print the URL.
 */
public final class Launch {
    private final PartnerPrincipal principal;
    private final URI url;

    Launch(PartnerPrincipal principal, URI url) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.url = Objects.requireNonNull(url, "url");
    }

    public PartnerPrincipal principal() {
        return principal;
    }

    /** The redirect URL with its launch code; hand it to this caller only. */
    public URI url() {
        return url;
    }

    @Override
    public String toString() {
        return "Launch[" + principal.user().userId() + ", url=<redacted>]";
    }
}
