package dev.partnerauth.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Whatever bytes arrive, the reader answers a value or a {@link JsonSyntaxException} whose message
 * echoes none of the input, and what the writer makes of a value it accepted reads back and writes
 * out the same (a number may change its notation once, {@code 1e2} to {@code 100}). In {@code
 * mvn verify} this replays the inputs under {@code
 * src/test/resources/dev/partnerauth/internal/json/JsonFuzzTestInputs/} (seeded from the request
 * body corpus of the servlet module); see docs/development.md, "Fuzzing", to fuzz for longer.
 */
class JsonFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parseWhenAnyBytesThenValueOrSyntaxRefusalAndWrittenValueReadsBack(byte[] input) {
        Object value;
        try {
            value = Json.parse(input);
        } catch (JsonSyntaxException e) {
            assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
            return;
        }
        String written = Json.write(value);
        try {
            assertEquals(written, Json.write(Json.parse(written.getBytes(StandardCharsets.UTF_8))));
        } catch (JsonSyntaxException e) {
            throw new AssertionError("the writer produced what the reader refuses: " + e.getMessage(), e);
        }
    }
}
