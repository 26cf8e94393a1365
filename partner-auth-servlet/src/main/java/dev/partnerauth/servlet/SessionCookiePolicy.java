package dev.partnerauth.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The attributes partner-auth gives the session cookie on the responses where it signs a partner in,
 * written by partner-auth itself into the container's own {@code Set-Cookie} header: the name,
 * value (Jetty's carries a node suffix), path and domain stay the container's; {@code Secure},
 * {@code HttpOnly}, {@code SameSite} and {@code Partitioned} become these. Writing them here, not
 * through {@link SessionCookieConfig}, leaves the host's other session cookies as the host set them
 * and needs no container support for {@code Partitioned} (Tomcat 10.1 writes it only from 10.1.x
 * cookie-processor settings; Jetty 12.1 from a cookie attribute).
 *
 * @param sameSite {@code Lax} or {@code None}
 */
record SessionCookiePolicy(String sameSite, boolean partitioned) {
    static final SessionCookiePolicy FIRST_PARTY = new SessionCookiePolicy("Lax", false);
    static final SessionCookiePolicy CROSS_SITE = new SessionCookiePolicy("None", false);
    static final SessionCookiePolicy EMBEDDED = new SessionCookiePolicy("None", true);

    /** Rewrites the session cookie the container put on this response, if it put one; other cookies are kept as they are. */
    void apply(HttpServletResponse response, String cookieName) {
        List<String> cookies = new ArrayList<>(response.getHeaders("Set-Cookie"));
        boolean found = false;
        for (int i = 0; i < cookies.size(); i++) {
            if (cookies.get(i).startsWith(cookieName + "=")) {
                cookies.set(i, rewrite(cookies.get(i)));
                found = true;
            }
        }
        if (!found) {
            return;
        }
        response.setHeader("Set-Cookie", cookies.get(0));
        for (int i = 1; i < cookies.size(); i++) {
            response.addHeader("Set-Cookie", cookies.get(i));
        }
    }

    /** Sets the same attributes on the context's session cookie, for hosts that ask partner-auth to configure it. */
    void configure(ServletContext context) {
        SessionCookieConfig config = context.getSessionCookieConfig();
        config.setSecure(true);
        config.setHttpOnly(true);
        config.setAttribute("SameSite", sameSite);
        if (partitioned) {
            // Servlet 6.1 (Tomcat 11) writes a valueless attribute for "" and ignores "true"; Tomcat 10.1
            // (Servlet 6.0) writes Partitioned only for "true"; Jetty 12's ee10 takes either
            boolean servlet61 = context.getMajorVersion() > 6 || context.getMajorVersion() == 6 && context.getMinorVersion() >= 1;
            config.setAttribute("Partitioned", servlet61 ? "" : "true");
        }
    }

    private String rewrite(String header) {
        StringBuilder out = new StringBuilder();
        String[] parts = header.split(";");
        out.append(parts[0].trim());
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            String name = (part.indexOf('=') < 0 ? part : part.substring(0, part.indexOf('='))).trim()
                    .toLowerCase(Locale.ROOT);
            if (!part.isEmpty() && !List.of("secure", "httponly", "samesite", "partitioned").contains(name)) {
                out.append("; ").append(part);
            }
        }
        out.append("; Secure; HttpOnly; SameSite=").append(sameSite);
        if (partitioned) {
            out.append("; Partitioned");
        }
        return out.toString();
    }
}
