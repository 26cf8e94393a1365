package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.partnerauth.AuthenticateRequest;
import dev.partnerauth.InvalidRequestException;
import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import dev.partnerauth.Problem;
import dev.partnerauth.internal.PrintableText;
import dev.partnerauth.internal.json.Json;
import dev.partnerauth.internal.json.JsonSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Whatever bytes a caller posts, reading the body ends in a request or in one of the documented
 * refusals ({@link JsonSyntaxException}, {@link InvalidRequestException}), and a refusal can always
 * be written back as the {@code errors} body: no input reaches a 500. In {@code mvn verify} this
 * replays the inputs under {@code src/test/resources/dev/partnerauth/servlet/RequestBodyFuzzTestInputs/};
 * see docs/development.md, "Fuzzing", to fuzz for longer.
 */
class RequestBodyFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void authenticateBodyWhenAnyBytesThenRequestOrDocumentedRefusal(byte[] input) {
        Map<String, Object> object = parseObject(input);
        if (object == null) {
            return;
        }
        try {
            AuthenticateRequest request = ApiBodies.authenticate(object);
            assertTrue(PrintableText.isPrintable(request.presentedKey().text()));
            assertTrue(PrintableText.isPrintable(request.user().userId()));
        } catch (InvalidRequestException e) {
            assertWritable(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void launchBodyWhenAnyBytesThenRequestOrDocumentedRefusal(byte[] input) {
        Map<String, Object> object = parseObject(input);
        if (object == null) {
            return;
        }
        for (LaunchAction action : LaunchAction.values()) {
            try {
                LaunchRequest request = ApiBodies.launch(action, object);
                // these ids go into a redirect URL: nothing that could split a header gets this far
                assertTrue(PrintableText.isPrintable(request.opportunityId()));
                assertFalse(request.opportunityId().isEmpty());
                assertEquals(action.needsQuoteId(), request.quoteId() != null);
            } catch (InvalidRequestException e) {
                assertWritable(e);
            }
        }
    }

    /** The body as the filters see it: a JSON object, or {@code null} when they answer "Invalid payload format". */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseObject(byte[] input) {
        Object parsed;
        try {
            parsed = Json.parse(input);
        } catch (JsonSyntaxException e) {
            assertTrue(PrintableText.isPrintable(e.getMessage()), e.getMessage());
            return null;
        }
        return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    /** The refusal becomes the 400 body: it must be writable, and read back as the same problems. */
    private static void assertWritable(InvalidRequestException e) {
        assertFalse(e.problems().isEmpty());
        String body = Json.write(JsonResponses.errorsBody(e.problems()));
        for (Problem p : e.problems()) {
            assertTrue(PrintableText.isPrintable(p.message()), p.message());
        }
        try {
            Json.parse(body.getBytes(StandardCharsets.UTF_8));
        } catch (JsonSyntaxException unreadable) {
            throw new AssertionError("the errors body is not JSON: " + body, unreadable);
        }
    }
}
