package dev.partnerauth.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateLaunchRoutesTest {
    private final TemplateLaunchRoutes routes = new TemplateLaunchRoutes(URI.create("https://cpq.example.com/app/"));

    @Test
    void targetWhenIdsHaveReservedCharactersThenEachPercentEncoded() {
        URI target = routes.target(new LaunchRequest(LaunchAction.OPEN_QUOTE, "/ ? # & % é", "Q/1"));

        assertEquals("https://cpq.example.com/app/cpq/opportunities/%2F%20%3F%20%23%20%26%20%25%20%C3%A9/quotes/Q%2F1",
                target.toString());
        assertEquals(null, target.getRawQuery());
        assertEquals(null, target.getRawFragment());
    }

    @Test
    void targetWhenIdIsDotDotThenCannotClimb() {
        URI target = routes.target(new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, "..", null));

        assertEquals("https://cpq.example.com/app/cpq/opportunities/%2E%2E", target.toString());
    }

    @Test
    void targetWhenCreateQuoteThenNewQuotePage() {
        assertEquals("https://cpq.example.com/app/cpq/opportunities/006A/quotes/new",
                routes.target(new LaunchRequest(LaunchAction.CREATE_QUOTE, "006A", null)).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://cpq.example.com", "http://127.example.com", "http://127.0.0.1.nip.io",
            "ftp://cpq.example.com", "https://cpq.example.com?x=1", "https://cpq.example.com#top", "/relative",
            "http://localhost.example.com"})
    void constructorWhenBaseNotHttpsOrNotLoopbackHttpThenRefused(String base) {
        assertThrows(IllegalArgumentException.class, () -> new TemplateLaunchRoutes(URI.create(base)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080", "https://cpq.example.com"})
    void constructorWhenHttpsOrLoopbackHttpThenAccepted(String base) {
        new TemplateLaunchRoutes(URI.create(base));
    }
}
