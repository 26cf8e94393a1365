package dev.partnerauth.servlet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.servlet.HttpSessionEstablisher;
import dev.partnerauth.user.UserInformation;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.web.http.CookieSerializer.CookieValue;
import org.springframework.session.web.http.DefaultCookieSerializer;

/** Spring Session's cookie, as the host's serializer writes it, gets partner-auth's attributes on a partner's session only. */
class PartnerSessionCookieSerializerTest {
    private static final PartnerPrincipal DANA = new PartnerPrincipal(PartnerId.parse("prt_AcmePartner0001").orElseThrow(),
            new UserInformation("u-1", "dana@partner.example", "dana@partner.example", "Dana Partner",
                    null, null, null, null, null, null, null, null, null, null, null),
            KeyId.parse("AbCdEfGhIjKl").orElseThrow(), "Acme PRM", Instant.parse("2030-01-15T10:00:00Z"), Set.of("006A"));

    @Test
    void partnerSessionWhenHostSerializerLeavesSecureOffThenSecureHttpOnlyLax() {
        DefaultCookieSerializer host = new DefaultCookieSerializer();
        host.setSameSite("Strict");
        assertEquals(cookie("SESSION=YWJj; Path=/; Secure; HttpOnly; SameSite=Lax"),
                cookie(write(host, properties(), "/cpq/quotes/Q-1", true, "abc")));
    }

    @Test
    void partnerSessionWhenEmbeddedThenNoneAndPartitioned() {
        assertEquals(cookie("SESSION=YWJj; Path=/; Secure; HttpOnly; SameSite=None; Partitioned"),
                cookie(write(new DefaultCookieSerializer(), properties("partner-auth.embedded", "true"), "/cpq/quotes/Q-1", true, "abc")));
    }

    @Test
    void launchResponseWhenSessionOnLaunchModeThenNone() {
        PartnerAuthProperties dealHub = properties("partner-auth.session-on-launch-response", "true");
        assertEquals(cookie("SESSION=YWJj; Path=/; Secure; HttpOnly; SameSite=None"),
                cookie(write(new DefaultCookieSerializer(), dealHub, "/api/v1/open/quote", true, "abc")));
        assertEquals(cookie("SESSION=YWJj; Path=/; Secure; HttpOnly; SameSite=Lax"),
                cookie(write(new DefaultCookieSerializer(), dealHub, "/cpq/quotes/Q-1", true, "abc")));
    }

    @Test
    void sessionWithoutPartnerThenTheHostsCookieUntouched() {
        DefaultCookieSerializer host = new DefaultCookieSerializer();
        host.setSameSite("Strict");
        assertEquals(cookie("SESSION=YWJj; Path=/; HttpOnly; SameSite=Strict"),
                cookie(write(host, properties(), "/cpq/quotes/Q-1", false, "abc")));
    }

    @Test
    void expiringCookieThenTheHostsCookieUntouched() {
        assertEquals(cookie("SESSION=; Max-Age=0; Expires=Thu, 1 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Lax"),
                cookie(write(new DefaultCookieSerializer(), properties(), "/cpq/quotes/Q-1", true, "")));
    }

    private static String write(DefaultCookieSerializer host, PartnerAuthProperties properties, String path,
                                boolean partner, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        if (partner) {
            request.getSession(true).setAttribute(HttpSessionEstablisher.ATTRIBUTE, DANA);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        new PartnerSessionCookieSerializer(host, properties).writeCookieValue(new CookieValue(request, response, value));
        assertEquals(1, response.getHeaders("Set-Cookie").size(), response.getHeaders("Set-Cookie").toString());
        return response.getHeader("Set-Cookie");
    }

    /** The cookie's name and value, then its attributes in any order (the mock response writes them in its own). */
    private static java.util.List<Object> cookie(String header) {
        String[] parts = header.split(";\\s*");
        return java.util.List.of(parts[0], new java.util.TreeSet<>(java.util.Arrays.asList(parts).subList(1, parts.length)));
    }

    private static PartnerAuthProperties properties(String... pairs) {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map))
                .bindOrCreate("partner-auth", Bindable.of(PartnerAuthProperties.class));
    }
}
