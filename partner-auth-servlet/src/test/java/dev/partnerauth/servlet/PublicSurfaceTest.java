package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.testing.PublicSurface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The servlet jar's public types are the ones in {@code public-surface.txt}: growth is a decision. */
class PublicSurfaceTest {
    private static final String LIST = "public-surface.txt";

    @Test
    void servletWhenCompiledThenPublicTypesAreExactlyTheListedOnes() throws Exception {
        List<String> expected = PublicSurface.expected(PublicSurfaceTest.class, LIST);
        List<String> actual = PublicSurface.of(PartnerAuthFilters.class);

        assertEquals(expected, actual, () -> PublicSurface.difference(expected, actual,
                "partner-auth-servlet/src/test/resources/dev/partnerauth/servlet/" + LIST));
    }
}
