package dev.partnerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.testing.PublicSurface;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The core jar's public types are the ones in {@code public-surface.txt}: the supported API in its
 * first section, the types of internal packages below {@value PublicSurface#INTERNAL_SECTION}.
 * Growth of either is a decision.
 */
class PublicSurfaceTest {
    private static final String LIST = "public-surface.txt";
    private static final String WHERE = "partner-auth-core/src/test/resources/dev/partnerauth/" + LIST;

    @Test
    void coreWhenCompiledThenPublicTypesOutsideInternalPackagesAreExactlyTheListedApi() throws Exception {
        List<String> expected = PublicSurface.listed(PublicSurfaceTest.class, LIST).api();
        List<String> actual = PublicSurface.actual(PartnerAuth.class).api();

        assertEquals(expected, actual, () -> PublicSurface.difference(expected, actual, WHERE));
    }

    @Test
    void coreWhenCompiledThenPublicTypesOfInternalPackagesAreExactlyTheListedInternalOnes() throws Exception {
        List<String> expected = PublicSurface.listed(PublicSurfaceTest.class, LIST).internal();
        List<String> actual = PublicSurface.actual(PartnerAuth.class).internal();

        assertEquals(expected, actual, () -> PublicSurface.difference(expected, actual, WHERE));
    }
}
