package dev.partnerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.testing.PublicSurface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core jar's public types are the ones in {@code public-surface.txt}: growth is a decision. */
class PublicSurfaceTest {
    private static final String LIST = "public-surface.txt";

    @Test
    void coreWhenCompiledThenPublicTypesAreExactlyTheListedOnes() throws Exception {
        List<String> expected = PublicSurface.expected(PublicSurfaceTest.class, LIST);
        List<String> actual = PublicSurface.of(PartnerAuth.class);

        assertEquals(expected, actual, () -> PublicSurface.difference(expected, actual,
                "partner-auth-core/src/test/resources/dev/partnerauth/" + LIST));
    }
}
