package dev.partnerauth.servlet;

import dev.partnerauth.PartnerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Duration;
import java.util.Objects;

/**
 * Decides who may use the administration API: the host's own administrator authentication. The
 * default, {@link #denyAll()}, refuses everyone, so that the API is closed until a host opens it.
 *
 * <p>The request's {@code getRemoteAddr()} is the client address as partner-auth resolves it (the
 * trusted proxies' forwarding header applied), so an authorizer that throttles per address, as
 * {@link BasicAdminAuthorizer} does, counts the caller rather than the proxy.
 */
@FunctionalInterface
public interface AdminAuthorizer {
    Decision authorize(HttpServletRequest request);

    /**
     * The outcome: an administrator (named for the audit log), no credentials (401), not an
     * administrator (403), or too many wrong credentials from this caller's network (429).
     */
    sealed interface Decision permits Allowed, Unauthenticated, Denied, Throttled {
    }

    /** @param adminName who acts, for the audit log */
    record Allowed(String adminName) implements Decision {
        public Allowed {
            Objects.requireNonNull(adminName, "adminName");
        }
    }

    /** @param challenge the {@code WWW-Authenticate} value of the host's scheme */
    record Unauthenticated(String challenge) implements Decision {
        public Unauthenticated {
            Objects.requireNonNull(challenge, "challenge");
        }
    }

    record Denied() implements Decision {
    }

    /** @param retryAfter how long until credentials are checked again for this caller's network ({@code Retry-After}) */
    record Throttled(Duration retryAfter) implements Decision {
        public Throttled {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /** Refuses every request with 403. */
    static AdminAuthorizer denyAll() {
        return request -> new Denied();
    }

    /**
     * Admits requests whose container-authenticated user has the role: 401 without a signed-in
     * user, 403 for a signed-in user without the role, and 403 for every partner user, whatever
     * roles a host's wrapper may answer for it.
     *
     * @param role      a role of the container's own users: never {@value PartnerLandingFilter#ROLE},
     *                  the role every partner user has, which would make each of them an administrator
     * @param challenge the {@code WWW-Authenticate} value of the container's login scheme
     * @throws IllegalArgumentException when the role is blank or the partner role
     */
    static AdminAuthorizer containerRole(String role, String challenge) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(challenge, "challenge");
        if (role.isBlank()) {
            throw new IllegalArgumentException("containerRole: the administrators' role must not be blank");
        }
        if (role.strip().equalsIgnoreCase(PartnerLandingFilter.ROLE)) {
            throw new IllegalArgumentException("containerRole: \"" + role + "\" is the role of every partner user, "
                    + "not an administrators' role: name a role of the container's own users");
        }
        return request -> {
            Principal user = request.getUserPrincipal();
            if (user == null) {
                return new Unauthenticated(challenge);
            }
            if (user instanceof PartnerPrincipal) {
                return new Denied();
            }
            return request.isUserInRole(role) ? new Allowed(user.getName()) : new Denied();
        };
    }
}
