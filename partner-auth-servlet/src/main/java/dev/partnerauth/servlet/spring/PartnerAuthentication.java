package dev.partnerauth.servlet.spring;

import dev.partnerauth.PartnerPrincipal;
import java.io.Serial;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Transient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A partner user as Spring Security sees them: the principal is the {@link PartnerPrincipal}, the
 * one authority is {@value #AUTHORITY}, and there are no credentials (the launch code was spent at
 * the landing). Made afresh on every request from the partner-auth session, never stored by Spring:
 * {@link Transient} keeps Spring's session repository from saving it (explicitly or by the legacy
 * auto-save), so it cannot outlive the partner session's grounds in the session.
 */
@Transient
final class PartnerAuthentication extends AbstractAuthenticationToken {
    static final String AUTHORITY = "ROLE_partner";
    @Serial
    private static final long serialVersionUID = 1L;
    private final PartnerPrincipal principal;

    PartnerAuthentication(PartnerPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.principal = Objects.requireNonNull(principal, "principal");
        setAuthenticated(true);
    }

    @Override
    public PartnerPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return null;
    }
}
