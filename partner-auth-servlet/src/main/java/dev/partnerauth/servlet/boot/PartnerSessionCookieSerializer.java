package dev.partnerauth.servlet.boot;

import dev.partnerauth.servlet.HttpSessionEstablisher;
import dev.partnerauth.servlet.PartnerAuthFilters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.session.web.http.CookieSerializer;

/**
 * Spring Session's own session cookie ({@code SESSION}, written by the host's {@link CookieSerializer}
 * when the response commits, after partner-auth's filters have returned) with the attributes that
 * partner-auth gives the container's session cookie on a partner sign-in: {@code Secure; HttpOnly;
 * SameSite=Lax}, or {@code SameSite=None; Secure; Partitioned} when embedded, or {@code SameSite=None}
 * on the create/open response in the session-on-launch mode. Whenever the session it writes holds a
 * partner principal, the cookie the host's serializer wrote is rewritten so; every other cookie (an
 * employee's session, an expired cookie) is the host's serializer's alone. Without this, Spring
 * Session marks the cookie {@code Secure} only when the request itself was HTTPS, which behind a
 * TLS-terminating proxy it often is not.
 */
final class PartnerSessionCookieSerializer implements CookieSerializer {
    private static final List<String> OURS = List.of("secure", "httponly", "samesite", "partitioned");
    private final CookieSerializer delegate;
    private final PartnerAuthProperties properties;

    PartnerSessionCookieSerializer(CookieSerializer delegate, PartnerAuthProperties properties) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    @Override
    public void writeCookieValue(CookieValue value) {
        HttpServletRequest request = value.getRequest();
        if (value.getCookieValue() == null || value.getCookieValue().isEmpty() || !holdsPartner(request)) {
            delegate.writeCookieValue(value);
            return;
        }
        HttpServletResponse response = value.getResponse();
        List<String> written = new ArrayList<>();
        HttpServletResponse capturing = new HttpServletResponseWrapper(response) {
            @Override
            public void addHeader(String name, String header) {
                if ("Set-Cookie".equalsIgnoreCase(name)) {
                    written.add(header);
                } else {
                    super.addHeader(name, header);
                }
            }
        };
        CookieValue captured = new CookieValue(request, capturing, value.getCookieValue());
        captured.setCookieMaxAge(value.getCookieMaxAge());
        delegate.writeCookieValue(captured);
        for (String header : written) {
            response.addHeader("Set-Cookie", rewrite(header, request));
        }
    }

    @Override
    public List<String> readCookieValues(HttpServletRequest request) {
        return delegate.readCookieValues(request);
    }

    private static boolean holdsPartner(HttpServletRequest request) {
        try {
            HttpSession session = request.getSession(false);
            return session != null && session.getAttribute(HttpSessionEstablisher.ATTRIBUTE) != null;
        } catch (IllegalStateException invalidated) {
            return false;
        }
    }

    /** The same attributes as partner-auth's own rewrite of the container's cookie (SessionCookiePolicy). */
    private String rewrite(String header, HttpServletRequest request) {
        String path = request.getRequestURI().substring(Math.min(request.getContextPath().length(),
                request.getRequestURI().length()));
        boolean launchResponse = properties.sessionOnLaunchResponse() && path.startsWith(PartnerAuthFilters.API_PREFIX);
        String sameSite = properties.embedded() || launchResponse ? "None" : "Lax";
        StringBuilder out = new StringBuilder();
        String[] parts = header.split(";");
        out.append(parts[0].trim());
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            String name = (part.indexOf('=') < 0 ? part : part.substring(0, part.indexOf('='))).trim().toLowerCase(Locale.ROOT);
            if (!part.isEmpty() && !OURS.contains(name)) {
                out.append("; ").append(part);
            }
        }
        out.append("; Secure; HttpOnly; SameSite=").append(sameSite);
        if (properties.embedded()) {
            out.append("; Partitioned");
        }
        return out.toString();
    }

    /** Wraps the host's (or Boot's) {@link CookieSerializer} bean. */
    static final class Wrapping implements BeanPostProcessor {
        private final ObjectProvider<PartnerAuthProperties> properties;

        Wrapping(ObjectProvider<PartnerAuthProperties> properties) {
            this.properties = properties;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof CookieSerializer serializer && !(bean instanceof PartnerSessionCookieSerializer)) {
                return new PartnerSessionCookieSerializer(serializer, properties.getObject());
            }
            return bean;
        }
    }
}
