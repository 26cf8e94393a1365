package dev.partnerauth.demo.prm;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * The CSRF defence of the simulator's state-changing endpoints: browsers send {@code Origin} on every
 * POST, and another site cannot make it name this one. A request without it is refused too, since
 * only non-browser clients omit it and they have no business here.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    static boolean isSameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        String host = request.getHeader("Host");
        if (origin == null || host == null) {
            return false;
        }
        String own = request.getScheme() + "://" + host;
        return origin.toLowerCase(Locale.ROOT).equals(own.toLowerCase(Locale.ROOT));
    }
}
