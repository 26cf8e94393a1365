package dev.partnerauth.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a framework integration does when the landing filter has signed a partner in on this
 * request, as the framework's own logins would (the Spring integration renews Spring Security's
 * CSRF token). The integration puts it in the request attribute {@link #ATTRIBUTE} ahead of the
 * landing filter; a client cannot set request attributes, so none can be planted. Unsupported.
 */
@FunctionalInterface
public interface SignInHook {
    /** The request attribute that holds the hook. */
    String ATTRIBUTE = SignInHook.class.getName();

    /** Called after the partner's session is established, before the redirect is sent. */
    void signedIn(HttpServletRequest request, HttpServletResponse response);

    /** Runs the hook of this request, if an integration left one. */
    static void run(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(ATTRIBUTE) instanceof SignInHook hook) {
            hook.signedIn(request, response);
        }
    }
}
