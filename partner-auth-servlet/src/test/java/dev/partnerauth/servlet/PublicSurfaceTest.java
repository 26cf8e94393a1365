package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.testing.PublicSurface;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The servlet jar's public types are the ones in {@code public-surface.txt}: the supported API in its
 * first section, the types of internal packages below {@value PublicSurface#INTERNAL_SECTION}.
 * Growth of either is a decision.
 */
class PublicSurfaceTest {
    private static final String LIST = "public-surface.txt";
    private static final String WHERE = "partner-auth-servlet/src/test/resources/dev/partnerauth/servlet/" + LIST;

    @Test
    void servletWhenCompiledThenPublicTypesOutsideInternalPackagesAreExactlyTheListedApi() throws Exception {
        List<String> expected = PublicSurface.listed(PublicSurfaceTest.class, LIST).api();
        List<String> actual = PublicSurface.actual(PartnerAuthFilters.class).api();

        assertEquals(expected, actual, () -> PublicSurface.difference(expected, actual, WHERE));
    }

    @Test
    void servletWhenCompiledThenPublicTypesOfInternalPackagesAreExactlyTheListedInternalOnes() throws Exception {
        List<String> expected = PublicSurface.listed(PublicSurfaceTest.class, LIST).internal();
        List<String> actual = PublicSurface.actual(PartnerAuthFilters.class).internal();

        assertEquals(expected, actual, () -> PublicSurface.difference(expected, actual, WHERE));
    }
}
